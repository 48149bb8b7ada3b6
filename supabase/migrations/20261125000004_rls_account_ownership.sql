-- "Users change their own rows", second half: a row a user writes may point only at their
-- own broker account (and EA device). The policies check only user_id, so a user could
-- attach a row they own to someone else's account: plant an idempotency answer or a used
-- signature on it, an order or position in its netting, or queue a command on the
-- victim's MetaTrader terminal (ea_commands by device_id).
--
-- Enforced by composite foreign keys — (account_id, user_id) must be an account of that
-- user — rather than a policy subquery per row: the foreign-key check is one index probe
-- in C for every writer (the service included), where per-row policy subqueries doubled
-- the database time of an alert. NOT VALID: rows written before are not re-checked.
alter table public.broker_accounts add constraint broker_accounts_id_user_key unique (id, user_id);
alter table public.ea_devices add constraint ea_devices_id_user_key unique (id, user_id);

do $$
declare t text;
begin
  foreach t in array array['api_keys', 'orders', 'positions', 'webhook_events', 'equity_history', 'idempotency_keys',
                           'webhook_signatures', 'account_day_stats', 'ea_devices', 'ea_commands'] loop
    execute format('alter table public.%I add constraint %I foreign key (account_id, user_id) references public.broker_accounts (id, user_id) on delete cascade not valid',
                   t, t || '_account_owner_fk');
  end loop;
end $$;

alter table public.ea_commands add constraint ea_commands_device_owner_fk
  foreign key (device_id, user_id) references public.ea_devices (id, user_id) on delete cascade not valid;
