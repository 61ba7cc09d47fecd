-- Referrals (issue 20): every member has an invite code; signing up through it is remembered on
-- the new account (auth writes `invited_with`); after the new member's third day of practice the
-- referral becomes active and both are rewarded, once. One referral per new account.
alter table members add column invited_with text check (invited_with ~ '^[a-z0-9]{6,16}$');
create index members_invited_with_idx on members (invited_with) where invited_with is not null;

create table referral_codes (
    member_id  uuid primary key references members (member_id) on delete cascade,
    code       text not null check (code ~ '^[a-z0-9]{6,16}$'),
    created_at timestamptz not null default now()
);
create unique index referral_codes_code_key on referral_codes (code);

create table referrals (
    referred_id  uuid primary key references members (member_id) on delete cascade,
    referrer_id  uuid not null references members (member_id) on delete cascade,
    activated_at timestamptz not null default now(),
    rewarded     boolean not null default true,
    check (referred_id <> referrer_id)
);
create index referrals_referrer_idx on referrals (referrer_id, activated_at desc);
