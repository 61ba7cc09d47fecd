-- Live notifications: every new or changed notification is announced on the `kindred_realtime`
-- channel, inside the transaction that made it (so only committed ones are heard). Each Kindred
-- instance LISTENs and tells the member's open sockets (see src/realtime/). PostgreSQL folds
-- identical announcements of one transaction into one, so "mark all read" sends a single message.
create function notifications_realtime() returns trigger language plpgsql as $$
begin
    perform pg_notify('kindred_realtime', json_build_object('member', new.member_id, 'kind', 'notification')::text);
    return null;
end
$$;

create trigger notifications_realtime after insert or update on notifications
    for each row execute function notifications_realtime();
