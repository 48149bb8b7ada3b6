-- Grants that do not depend on the database's default privileges. A Supabase project
-- grants ALL on every new table and function in public to anon and authenticated
-- (`alter default privileges`), so `grant update (name)` alone left the table-wide UPDATE
-- in place there: with the profiles_update policy (own row) a user could set their own
-- role to admin, their plan, or lift a suspension. Revoke first, then grant what we mean.

revoke all on public.profiles from public, anon, authenticated;
grant select on public.profiles to authenticated;
grant update (name) on public.profiles to authenticated;

-- Read-only to users (the service writes them); RLS has only a select policy, drop the rest too.
revoke all on public.subscriptions, public.plan_usage, public.sessions from public, anon, authenticated;
grant select on public.subscriptions, public.plan_usage, public.sessions to authenticated;

-- Secrets and service bookkeeping: no grants at all to user roles.
revoke all on public.user_credentials, public.stripe_events, public.ea_signatures, public.rate_limits,
  public.unify_migrations from public, anon, authenticated;

-- Cross-user lookups are for the server (service_role) only: on Supabase, PostgREST exposes
-- public functions as RPC, and default privileges grant them to anon and authenticated.
revoke all on function public.api_key_account(text) from public, anon, authenticated;
revoke all on function public.session_user_info(uuid) from public, anon, authenticated;
revoke all on function public.claim_plan_trade(text, integer) from public, anon;
grant execute on function public.claim_plan_trade(text, integer) to authenticated;

-- Security-definer functions: `search_path = public` still searches pg_temp first for
-- tables, so a caller able to create a temp table named like ours could shadow it inside
-- the function. pg_temp last closes that.
alter function public.api_key_account(text) set search_path = public, pg_temp;
alter function public.session_user_info(uuid) set search_path = public, pg_temp;
alter function public.claim_plan_trade(text, integer) set search_path = public, pg_temp;
