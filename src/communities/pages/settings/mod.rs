//! The sections of a community's settings page, each its own component, and the actions they
//! share.

mod about;
mod bans;
mod channels;
mod invites;
mod overrides;
mod requests;
mod roles;

use leptos::prelude::*;

use crate::communities::api::*;
use crate::communities::perms::NAMED;

pub use about::About;
pub use bans::Bans;
pub use channels::Channels;
pub use invites::Invites;
pub use overrides::Overrides;
pub use requests::Requests;
pub use roles::Roles;

/// Every change the settings page can make; the page reloads its data after any of them.
#[derive(Clone, Copy)]
pub struct Acts {
    update: ServerAction<UpdateCommunity>,
    decide: ServerAction<DecideJoinRequest>,
    invite: ServerAction<CreateInvite>,
    revoke: ServerAction<RevokeInvite>,
    new_channel: ServerAction<CreateChannel>,
    edit_channel: ServerAction<UpdateChannel>,
    move_channel: ServerAction<MoveChannel>,
    delete_channel: ServerAction<DeleteChannel>,
    override_: ServerAction<SetChannelOverride>,
    new_role: ServerAction<CreateRole>,
    edit_role: ServerAction<UpdateRole>,
    delete_role: ServerAction<DeleteRole>,
    move_role: ServerAction<MoveRole>,
    unban: ServerAction<UnbanMember>,
}

impl Acts {
    pub(in crate::communities::pages) fn new() -> Self {
        Acts {
            update: ServerAction::new(),
            decide: ServerAction::new(),
            invite: ServerAction::new(),
            revoke: ServerAction::new(),
            new_channel: ServerAction::new(),
            edit_channel: ServerAction::new(),
            move_channel: ServerAction::new(),
            delete_channel: ServerAction::new(),
            override_: ServerAction::new(),
            new_role: ServerAction::new(),
            edit_role: ServerAction::new(),
            delete_role: ServerAction::new(),
            move_role: ServerAction::new(),
            unban: ServerAction::new(),
        }
    }

    pub(in crate::communities::pages) fn version(&self) -> usize {
        self.update.version().get()
            + self.decide.version().get()
            + self.invite.version().get()
            + self.revoke.version().get()
            + self.new_channel.version().get()
            + self.edit_channel.version().get()
            + self.move_channel.version().get()
            + self.delete_channel.version().get()
            + self.override_.version().get()
            + self.new_role.version().get()
            + self.edit_role.version().get()
            + self.delete_role.version().get()
            + self.move_role.version().get()
            + self.unban.version().get()
    }
}

/// The permissions set in `bits`, by description ("nothing" when none are).
fn names(bits: i64) -> String {
    let list: Vec<&str> = NAMED.iter().filter(|(b, _, _)| bits & b != 0).map(|(_, _, d)| *d).collect();
    if list.is_empty() {
        "nothing".into()
    } else {
        list.join(", ")
    }
}
