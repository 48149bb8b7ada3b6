-- Row-Level Security, second half of "users change their own rows": a row a user writes
-- may point only at their own broker account (and EA device). The policies checked only
-- user_id, so a user could attach a row they own to someone else's account: plant an
-- idempotency answer or a used signature on it, an order or position in its netting, or
-- queue a command on the victim's MetaTrader terminal (ea_commands by device_id).

-- Invoker rights on purpose: the lookup itself runs under broker_accounts' RLS.
create or replace function public.owns_account(p_account_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from public.broker_accounts a where a.id = p_account_id and a.user_id = (select auth.uid()))
$$;
create or replace function public.owns_ea_device(p_device_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from public.ea_devices d where d.id = p_device_id and d.user_id = (select auth.uid()))
$$;
revoke all on function public.owns_account(uuid), public.owns_ea_device(uuid) from public, anon;
grant execute on function public.owns_account(uuid), public.owns_ea_device(uuid) to authenticated, service_role;

do $$
declare
  t text;
  refs text;
begin
  foreach t in array array['api_keys', 'orders', 'positions', 'webhook_events', 'equity_history', 'idempotency_keys',
                           'webhook_signatures', 'account_day_stats', 'ea_devices', 'ea_commands'] loop
    refs := case t
      when 'webhook_events' then '(account_id is null or (select public.owns_account(account_id)))'
      when 'ea_commands' then '(select public.owns_account(account_id)) and (select public.owns_ea_device(device_id))'
      else '(select public.owns_account(account_id))'
    end;
    execute format('drop policy if exists %I on public.%I', t || '_insert', t);
    execute format('drop policy if exists %I on public.%I', t || '_update', t);
    execute format($p$create policy %I on public.%I for insert to authenticated
                      with check (user_id = (select auth.uid()) and (select public.can_write()) and %s)$p$, t || '_insert', t, refs);
    execute format($p$create policy %I on public.%I for update to authenticated
                      using (user_id = (select auth.uid()) and (select public.can_write()))
                      with check (user_id = (select auth.uid()) and (select public.can_write()) and %s)$p$, t || '_update', t, refs);
  end loop;
end $$;
