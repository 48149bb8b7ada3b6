-- The paper broker keeps margin: each open paper position holds the margin it ties up
-- (notional / the paper leverage of its kind, at its last fill or mark), and the account's
-- margin is their sum, so a new entry is checked against free margin (equity - margin)
-- under the account's lock. Remote brokers' margin comes from the broker (sync); their
-- positions keep 0 here.
alter table public.positions add column if not exists margin numeric(20, 2) not null default 0;
