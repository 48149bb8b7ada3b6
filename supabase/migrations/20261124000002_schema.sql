-- The Unify schema: every table the flows need. RLS policies follow in the next migration.

create or replace function public.set_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

create table public.profiles (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  role text not null default 'user' check (role in ('user', 'viewer', 'admin')),
  plan text not null default 'trial' check (plan in ('trial', 'starter', 'pro', 'elite')),
  status text not null default 'active' check (status in ('active', 'suspended')),
  trial_ends_at timestamptz not null default now() + interval '3 days',
  totp_enabled boolean not null default false,
  stripe_customer_id text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index profiles_email_key on public.profiles (lower(email));

-- Secrets of a user's login; never readable through RLS (no policies), only by the service.
create table public.user_credentials (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  password_hash text not null,
  totp_secret_enc jsonb,
  backup_code_hashes text[] not null default '{}',
  updated_at timestamptz not null default now()
);

-- Server-side sessions: a JWT is accepted only while its row exists (logout deletes it).
create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  ip text,
  user_agent text,
  impersonated_by uuid references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on public.sessions (user_id);

create table public.broker_accounts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  broker text not null check (broker in ('paper', 'tradelocker', 'topstep', 'tradovate', 'mt4', 'mt5')),
  name text not null,
  mode text not null default 'demo' check (mode in ('demo', 'live')),
  enabled boolean not null default true,
  status text not null default 'active' check (status in ('active', 'error', 'down', 'disabled')),
  status_reason text,
  external_account_id text,
  credentials_enc jsonb,
  webhook_secret_enc jsonb not null,
  require_signature boolean not null default false,
  ip_allowlist text[] not null default '{}',
  currency text not null default 'USD',
  balance numeric(20, 2) not null default 0,
  equity numeric(20, 2) not null default 0,
  margin numeric(20, 2) not null default 0,
  last_sync timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index broker_accounts_user_idx on public.broker_accounts (user_id, created_at);

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  key_hash text not null unique,
  masked text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create unique index api_keys_account_key on public.api_keys (account_id);

create table public.risk_settings (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  broker text not null default 'default',
  enabled boolean not null default true,
  max_daily_loss_usd numeric(20, 2),
  max_daily_loss_pct numeric(6, 3),
  max_trades_per_day integer,
  max_open_trades integer,
  max_concurrent_positions integer,
  denied_instruments text[] not null default '{}',
  trading_hours jsonb not null default '{"enabled": false, "start": "00:00", "end": "23:59", "timezone": "UTC", "days": [0,1,2,3,4,5,6]}',
  news_lockout jsonb not null default '{"enabled": false, "minutes_before": 15, "minutes_after": 15, "min_impact": "high"}',
  updated_at timestamptz not null default now(),
  unique (user_id, broker)
);

create table public.trading_config (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  broker text not null default 'default',
  lot_size_mode text not null default 'fixed' check (lot_size_mode in ('fixed', 'risk_pct', 'risk_usd', 'cash', 'pct_equity')),
  fixed_lot_size numeric(20, 6) not null default 1,
  risk_pct numeric(6, 3) not null default 1,
  sl_percentage numeric(6, 3),
  tp_percentage numeric(6, 3),
  risk_reward_ratio numeric(8, 3),
  use_trailing_sl boolean not null default false,
  trailing_pct numeric(6, 3),
  updated_at timestamptz not null default now(),
  unique (user_id, broker)
);

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  broker text not null,
  symbol text not null,
  action text not null default 'entry',
  side text not null check (side in ('buy', 'sell')),
  type text not null default 'market' check (type in ('market', 'limit', 'stop')),
  qty numeric(20, 6) not null,
  filled_qty numeric(20, 6) not null default 0,
  price numeric(20, 8),
  avg_price numeric(20, 8),
  stop_loss numeric(20, 8),
  take_profit numeric(20, 8),
  trailing_stop jsonb,
  -- Money per 1.0 price move per unit, from the instrument when the order was admitted.
  value_per_point numeric(20, 8) not null default 1,
  status text not null default 'pending'
    check (status in ('pending', 'submitted', 'partially_filled', 'filled', 'rejected', 'cancelled', 'expired')),
  reason text,
  broker_order_id text,
  position_id uuid,
  tag text,
  source text not null default 'webhook',
  correlation_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  filled_at timestamptz
);
create index orders_user_created_idx on public.orders (user_id, created_at desc, id desc);
create index orders_account_status_idx on public.orders (account_id, status);
create index orders_pending_idx on public.orders (status, created_at) where status in ('pending', 'submitted');
create index orders_position_idx on public.orders (position_id) where position_id is not null;
create index orders_correlation_idx on public.orders (correlation_id) where correlation_id is not null;

create table public.positions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  broker text not null,
  symbol text not null,
  side text not null check (side in ('buy', 'sell')),
  qty numeric(20, 6) not null,
  entry_price numeric(20, 8) not null,
  current_price numeric(20, 8),
  unrealized_pnl numeric(20, 2) not null default 0,
  realized_pnl numeric(20, 2) not null default 0,
  stop_loss numeric(20, 8),
  take_profit numeric(20, 8),
  trailing_stop jsonb,
  value_per_point numeric(20, 8) not null default 1,
  status text not null default 'open' check (status in ('open', 'closed')),
  -- Entry orders that went into this position and are still open (max_open_trades counts these).
  entries integer not null default 1,
  broker_position_id text,
  tag text,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  updated_at timestamptz not null default now()
);
-- Netting: one open position per account and symbol.
create unique index positions_open_symbol_key on public.positions (account_id, symbol) where status = 'open';
create index positions_user_idx on public.positions (user_id, status, opened_at desc);
-- The paper engine and the reconciler walk open positions by broker.
create index positions_open_broker_idx on public.positions (broker, account_id) where status = 'open';
-- Deferred: an in-process (paper) fill records the order and its new position in one transaction.
alter table public.orders add constraint orders_position_fk foreign key (position_id) references public.positions (id) on delete set null deferrable initially deferred;

create table public.logs (
  id bigint generated always as identity primary key,
  user_id uuid references public.profiles (id) on delete cascade,
  level text not null check (level in ('debug', 'info', 'warn', 'error')),
  type text not null,
  message text not null,
  data jsonb,
  correlation_id text,
  created_at timestamptz not null default now()
);
create index logs_user_idx on public.logs (user_id, id desc);
create index logs_correlation_idx on public.logs (correlation_id);
create index logs_created_idx on public.logs (created_at);

create table public.webhook_events (
  id bigint generated always as identity primary key,
  user_id uuid references public.profiles (id) on delete cascade,
  account_id uuid references public.broker_accounts (id) on delete cascade,
  broker text,
  payload jsonb,
  raw_excerpt text,
  signature_valid boolean,
  outcome text not null check (outcome in ('accepted', 'rejected', 'replayed')),
  status_code integer not null,
  code text,
  rule text,
  reason text,
  order_id uuid,
  ip text,
  latency_ms numeric(10, 3),
  correlation_id text,
  created_at timestamptz not null default now()
);
create index webhook_events_user_idx on public.webhook_events (user_id, id desc);
create index webhook_events_created_idx on public.webhook_events (created_at);

create table public.subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  stripe_customer_id text not null,
  stripe_subscription_id text unique,
  plan text not null,
  status text not null,
  price_id text,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  last_event_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index subscriptions_user_idx on public.subscriptions (user_id);

-- Stripe events already processed (idempotency of the billing webhook); service only.
create table public.stripe_events (
  id text primary key,
  type text not null,
  created_at timestamptz not null default now()
);

create table public.admin_actions (
  id bigint generated always as identity primary key,
  admin_id uuid not null references public.profiles (id),
  action text not null,
  target_user_id uuid,
  details jsonb,
  ip text,
  created_at timestamptz not null default now()
);
create index admin_actions_created_idx on public.admin_actions (created_at desc);

create table public.equity_history (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.profiles (id) on delete cascade,
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  t timestamptz not null default now(),
  equity numeric(20, 2) not null,
  balance numeric(20, 2) not null
);
create index equity_history_account_t_idx on public.equity_history (account_id, t);
create index equity_history_user_t_idx on public.equity_history (user_id, t);

create table public.idempotency_keys (
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  key text not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  order_id uuid,
  status_code integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (account_id, key)
);
create index idempotency_keys_created_idx on public.idempotency_keys (created_at);

-- Webhook signatures seen (single use within the 5-minute window).
create table public.webhook_signatures (
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  signature text not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  seen_at timestamptz not null default now(),
  primary key (account_id, signature)
);

-- Per-account per-day counters the risk rules read: constant cost however long the history.
create table public.account_day_stats (
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  day date not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  trades integer not null default 0,
  realized_pnl numeric(20, 2) not null default 0,
  start_equity numeric(20, 2),
  primary key (account_id, day)
);

-- Per-user plan usage counters (trades per billing month, or over the whole trial).
create table public.plan_usage (
  user_id uuid not null references public.profiles (id) on delete cascade,
  period text not null,
  trades integer not null default 0,
  primary key (user_id, period)
);

create table public.ea_devices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  account_id uuid not null unique references public.broker_accounts (id) on delete cascade,
  secret_enc jsonb not null,
  seal_commands boolean not null default false,
  platform text not null default 'mt5',
  last_poll_at timestamptz,
  last_state jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.ea_commands (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  account_id uuid not null references public.broker_accounts (id) on delete cascade,
  device_id uuid not null references public.ea_devices (id) on delete cascade,
  order_id uuid references public.orders (id) on delete set null,
  action text not null check (action in ('open', 'close', 'modify', 'close_all', 'cancel')),
  payload jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'filled', 'rejected', 'expired')),
  result jsonb,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  expires_at timestamptz not null,
  acked_at timestamptz
);
create index ea_commands_device_status_idx on public.ea_commands (device_id, status, created_at);

-- Economic calendar for the news lockout; shared reference data.
create table public.economic_events (
  id uuid primary key default gen_random_uuid(),
  at timestamptz not null,
  currency text not null,
  impact text not null check (impact in ('low', 'medium', 'high')),
  title text not null,
  unique (at, currency, title)
);
create index economic_events_at_idx on public.economic_events (at);

do $$
declare t text;
begin
  foreach t in array array['profiles', 'user_credentials', 'broker_accounts', 'risk_settings', 'trading_config',
                           'orders', 'positions', 'subscriptions', 'ea_devices'] loop
    execute format('create trigger %I before update on public.%I for each row execute function public.set_updated_at()',
                   t || '_updated_at', t);
  end loop;
end $$;

-- Shared request counters for rate-limiter-flexible (RateLimiterPostgres), correct across replicas.
create table public.rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
alter table public.rate_limits enable row level security;
