-- Row-Level Security: a user has their own rows, a viewer reads only, an admin reads all,
-- admin_actions is append-only for everyone. Policies read the JWT claims through auth.*.

create or replace function public.is_admin() returns boolean language sql stable as $$
  select coalesce(auth.jwt() ->> 'role', '') = 'admin'
$$;

create or replace function public.can_write() returns boolean language sql stable as $$
  select coalesce(auth.jwt() ->> 'role', '') in ('user', 'admin')
$$;

grant usage on schema public to anon, authenticated, service_role;
grant execute on function public.is_admin(), public.can_write() to anon, authenticated, service_role;
grant usage on all sequences in schema public to authenticated;

-- Tables a user reads and writes (rows with their user_id).
do $$
declare t text;
begin
  foreach t in array array['broker_accounts', 'api_keys', 'risk_settings', 'trading_config', 'orders', 'positions',
                           'logs', 'webhook_events', 'equity_history', 'idempotency_keys', 'webhook_signatures',
                           'account_day_stats', 'ea_devices', 'ea_commands'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('alter table public.%I force row level security', t);
    execute format('grant select, insert, update, delete on public.%I to authenticated', t);
    execute format($p$create policy %I on public.%I for select to authenticated
                      using (user_id = (select auth.uid()) or (select public.is_admin()))$p$, t || '_select', t);
    execute format($p$create policy %I on public.%I for insert to authenticated
                      with check (user_id = (select auth.uid()) and (select public.can_write()))$p$, t || '_insert', t);
    execute format($p$create policy %I on public.%I for update to authenticated
                      using (user_id = (select auth.uid()) and (select public.can_write()))
                      with check (user_id = (select auth.uid()) and (select public.can_write()))$p$, t || '_update', t);
    execute format($p$create policy %I on public.%I for delete to authenticated
                      using (user_id = (select auth.uid()) and (select public.can_write()))$p$, t || '_delete', t);
  end loop;
end $$;

-- Tables a user only reads; the service (billing webhook, login, plan accounting) writes them.
do $$
declare t text;
begin
  foreach t in array array['subscriptions', 'plan_usage', 'sessions'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('alter table public.%I force row level security', t);
    execute format('grant select on public.%I to authenticated', t);
    execute format($p$create policy %I on public.%I for select to authenticated
                      using (user_id = (select auth.uid()) or (select public.is_admin()))$p$, t || '_select', t);
  end loop;
end $$;

-- profiles: own row (admins all); a user may change only their name. Role, plan and status
-- change through the service (admin panel, billing), never by the user.
alter table public.profiles enable row level security;
alter table public.profiles force row level security;
grant select on public.profiles to authenticated;
grant update (name) on public.profiles to authenticated;
create policy profiles_select on public.profiles for select to authenticated
  using (id = (select auth.uid()) or (select public.is_admin()));
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select auth.uid()) and (select public.can_write()))
  with check (id = (select auth.uid()) and (select public.can_write()));

-- Secrets and service bookkeeping: RLS on, no policies, no grants: unreachable as a user.
alter table public.user_credentials enable row level security;
alter table public.user_credentials force row level security;
alter table public.stripe_events enable row level security;
alter table public.stripe_events force row level security;
alter table public.unify_migrations enable row level security;

-- Economic calendar: everyone signed in reads it; admins maintain it.
alter table public.economic_events enable row level security;
alter table public.economic_events force row level security;
grant select, insert, update, delete on public.economic_events to authenticated;
create policy economic_events_select on public.economic_events for select to authenticated using (true);
create policy economic_events_write on public.economic_events for all to authenticated
  using ((select public.is_admin())) with check ((select public.is_admin()));

-- admin_actions: admins read and append; nobody updates or deletes, not even the owner.
alter table public.admin_actions enable row level security;
alter table public.admin_actions force row level security;
revoke all on public.admin_actions from public, anon, authenticated;
grant select, insert on public.admin_actions to authenticated;
create policy admin_actions_select on public.admin_actions for select to authenticated
  using ((select public.is_admin()));
create policy admin_actions_insert on public.admin_actions for insert to authenticated
  with check ((select public.is_admin()) and admin_id = (select auth.uid()));

create or replace function public.admin_actions_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'admin_actions is append-only' using errcode = '42501';
end $$;
create trigger admin_actions_no_update before update or delete on public.admin_actions
  for each row execute function public.admin_actions_append_only();
create trigger admin_actions_no_truncate before truncate on public.admin_actions
  for each statement execute function public.admin_actions_append_only();

-- On a Supabase project, let Supabase Realtime clients subscribe to the live tables too.
do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.positions, public.orders, public.logs, public.broker_accounts;
  end if;
end $$;
