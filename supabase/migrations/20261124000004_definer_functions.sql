-- The few lookups that must cross users, as named security-definer functions.

-- API key → account and owner. Called before the caller is known (webhooks, POST /order).
create or replace function public.api_key_account(p_key_hash text)
returns table (
  account_id uuid, user_id uuid, email text, role text, plan text, user_status text, trial_ends_at timestamptz,
  broker text, mode text, enabled boolean, account_status text, require_signature boolean,
  ip_allowlist text[], webhook_secret_enc jsonb
)
language sql stable security definer set search_path = public as $$
  select a.id, a.user_id, p.email, p.role, p.plan, p.status, p.trial_ends_at,
         a.broker, a.mode, a.enabled, a.status, a.require_signature, a.ip_allowlist, a.webhook_secret_enc
  from api_keys k
  join broker_accounts a on a.id = k.account_id
  join profiles p on p.id = a.user_id
  where k.key_hash = p_key_hash
$$;

-- Session id → the live user behind it (logout and suspension end sessions at once).
create or replace function public.session_user_info(p_session_id uuid)
returns table (user_id uuid, email text, role text, plan text, status text, impersonated_by uuid)
language sql stable security definer set search_path = public as $$
  select p.id, p.email, p.role, p.plan, p.status, s.impersonated_by
  from sessions s join profiles p on p.id = s.user_id
  where s.id = p_session_id and s.expires_at > now()
$$;

-- Counts one trade against the caller's plan allowance for the period; returns the new
-- count, or null when the allowance is used up. Atomic under concurrency (row lock).
create or replace function public.claim_plan_trade(p_period text, p_limit integer)
returns integer
language plpgsql volatile security definer set search_path = public as $$
declare n integer;
begin
  insert into plan_usage (user_id, period, trades) values (auth.uid(), p_period, 0)
    on conflict (user_id, period) do nothing;
  update plan_usage set trades = trades + 1
    where user_id = auth.uid() and period = p_period and (p_limit is null or trades < p_limit)
    returning trades into n;
  return n;
end $$;

revoke all on function public.api_key_account(text) from public;
revoke all on function public.session_user_info(uuid) from public;
revoke all on function public.claim_plan_trade(text, integer) from public;
grant execute on function public.api_key_account(text) to service_role;
grant execute on function public.session_user_info(uuid) to service_role;
grant execute on function public.claim_plan_trade(text, integer) to authenticated;
