//+------------------------------------------------------------------+
//| UnifyBridge.mq5                                                  |
//| Connects this MetaTrader 5 account to Unify.                     |
//|                                                                  |
//| Every InpPollIntervalMs it POSTs the account (balance, equity,   |
//| margin, positions, pending orders) to /api/unify/v1/ea/poll,     |
//| signed with the device secret, and gets back the commands Unify  |
//| queued for this account: open, close, modify, close_all, cancel. |
//| Each command is executed with CTrade and its outcome POSTed to   |
//| /api/unify/v1/ea/ack. Install steps: brokers/mt/README.md.       |
//+------------------------------------------------------------------+
#property copyright "Unify"
#property version   "1.00"
#property description "Unify bridge: executes Unify's orders in this terminal and reports the account."

#include <Trade\Trade.mqh>
#include "UnifyBridgeCore.mqh"

input string InpServerUrl      = "https://unify.example.com"; // Unify URL (also allow it: Tools > Options > Expert Advisors)
input string InpDeviceId       = "";                          // Device id (Unify shows it when you connect the account)
input string InpDeviceSecret   = "";                          // Device secret (shown once, with the device id)
input int    InpPollIntervalMs = 500;                         // Poll interval, milliseconds
input string InpSymbolSuffix   = "";                          // Symbol suffix at this broker (EURUSD.m -> .m); empty: detect
input string InpSymbolMap      = "";                          // Renamed symbols, ours=broker's: XAUUSD=GOLD;US30=DJ30
input ulong  InpMagicNumber    = 20261124;                    // Magic number on Unify's trades
input int    InpSlippagePoints = 20;                          // Maximum slippage, points
input bool   InpOnlyOwnTrades  = false;                       // Report and close only trades with this magic number
input bool   InpSealCommands   = false;                       // Ask for AES-256-GCM sealed commands
input int    InpHttpTimeoutMs  = 5000;                        // HTTP timeout, milliseconds

CTrade g_trade;
bool   g_busy = false;

//+------------------------------------------------------------------+
int OnInit()
  {
   if(MQLInfoInteger(MQL_TESTER))
     {
      Print("UnifyBridge: WebRequest does not run in the Strategy Tester; attach the EA to a live chart.");
      return INIT_FAILED;
     }
   if(UnifyTrim(InpDeviceId) == "" || UnifyTrim(InpDeviceSecret) == "")
     {
      Alert("UnifyBridge: enter the device id and device secret Unify showed when you connected this account.");
      return INIT_PARAMETERS_INCORRECT;
     }
   if(!UnifyInit(InpServerUrl, InpDeviceId, InpDeviceSecret, InpSealCommands, InpHttpTimeoutMs))
     {
      Alert("UnifyBridge: could not prepare the signing key (CryptEncode failed).");
      return INIT_FAILED;
     }
   UnifySymbolsInit(InpSymbolSuffix, InpSymbolMap);
   g_trade.SetExpertMagicNumber(InpMagicNumber);
   g_trade.SetDeviationInPoints((ulong)InpSlippagePoints);
   g_trade.SetAsyncMode(false);
   EventSetMillisecondTimer(InpPollIntervalMs < 100 ? 100 : InpPollIntervalMs);
   Print("UnifyBridge: polling ", InpServerUrl, " every ", InpPollIntervalMs, " ms as device ", InpDeviceId);
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
  }

// WebRequest blocks; a slow answer delays the next tick rather than piling requests up.
void OnTimer()
  {
   if(g_busy)
      return;
   g_busy = true;
   UnifyFlushAcks();
   UnifyCommand commands[];
   if(UnifyPoll(BuildAccountState(), commands))
     {
      for(int i = 0; i < ArraySize(commands); i++)
         Execute(commands[i]);
      UnifyFlushAcks();
     }
   g_busy = false;
  }

//+------------------------------------------------------------------+
//| Which trades the EA reports and touches                          |
//+------------------------------------------------------------------+
bool IsManaged(const long magic)
  {
   return !InpOnlyOwnTrades || (ulong)magic == InpMagicNumber;
  }

string PositionSide()
  {
   return PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? "buy" : "sell";
  }

int SymbolDigits(const string symbol)
  {
   return (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
  }

// A trade request went through: done, or done for part of the volume.
bool Done(const bool sent)
  {
   uint rc = g_trade.ResultRetcode();
   return sent && (rc == TRADE_RETCODE_DONE || rc == TRADE_RETCODE_DONE_PARTIAL);
  }

string TradeError()
  {
   return g_trade.ResultRetcodeDescription() + " (" + IntegerToString(g_trade.ResultRetcode()) + ")";
  }

bool PendingKind(const ENUM_ORDER_TYPE type, string &side, string &kind)
  {
   switch(type)
     {
      case ORDER_TYPE_BUY_LIMIT:  side = "buy";  kind = "limit"; return true;
      case ORDER_TYPE_SELL_LIMIT: side = "sell"; kind = "limit"; return true;
      case ORDER_TYPE_BUY_STOP:   side = "buy";  kind = "stop";  return true;
      case ORDER_TYPE_SELL_STOP:  side = "sell"; kind = "stop";  return true;
      default:                    return false;
     }
  }

//+------------------------------------------------------------------+
//| The account as /ea/poll expects it                               |
//+------------------------------------------------------------------+
string BuildAccountState()
  {
   string positions = "";
   int reported = 0;
   for(int i = 0; i < PositionsTotal() && reported < UNIFY_MAX_POSITIONS; i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0 || !IsManaged(PositionGetInteger(POSITION_MAGIC)))
         continue;
      string symbol = PositionGetString(POSITION_SYMBOL);
      int digits = SymbolDigits(symbol);
      if(reported > 0)
         positions += ",";
      positions += "{\"ticket\":" + UnifyJsonQuote(IntegerToString((long)ticket))
                   + ",\"symbol\":" + UnifyJsonQuote(UnifyOurSymbol(symbol))
                   + ",\"side\":" + UnifyJsonQuote(PositionSide())
                   + ",\"lots\":" + DoubleToString(PositionGetDouble(POSITION_VOLUME), 2)
                   + ",\"open_price\":" + DoubleToString(PositionGetDouble(POSITION_PRICE_OPEN), digits)
                   + ",\"current_price\":" + DoubleToString(PositionGetDouble(POSITION_PRICE_CURRENT), digits)
                   + ",\"sl\":" + DoubleToString(PositionGetDouble(POSITION_SL), digits)
                   + ",\"tp\":" + DoubleToString(PositionGetDouble(POSITION_TP), digits)
                   + ",\"profit\":" + DoubleToString(PositionGetDouble(POSITION_PROFIT) + PositionGetDouble(POSITION_SWAP), 2)
                   + ",\"comment\":" + UnifyJsonQuote(PositionGetString(POSITION_COMMENT)) + "}";
      reported++;
     }

   string orders = "";
   reported = 0;
   for(int i = 0; i < OrdersTotal() && reported < UNIFY_MAX_ORDERS; i++)
     {
      ulong ticket = OrderGetTicket(i);
      if(ticket == 0 || !IsManaged(OrderGetInteger(ORDER_MAGIC)))
         continue;
      string side, kind;
      // Market orders in flight, stop-limit and close-by orders are not reported.
      if(!PendingKind((ENUM_ORDER_TYPE)OrderGetInteger(ORDER_TYPE), side, kind))
         continue;
      string symbol = OrderGetString(ORDER_SYMBOL);
      int digits = SymbolDigits(symbol);
      if(reported > 0)
         orders += ",";
      orders += "{\"ticket\":" + UnifyJsonQuote(IntegerToString((long)ticket))
                + ",\"symbol\":" + UnifyJsonQuote(UnifyOurSymbol(symbol))
                + ",\"side\":" + UnifyJsonQuote(side)
                + ",\"type\":" + UnifyJsonQuote(kind)
                + ",\"lots\":" + DoubleToString(OrderGetDouble(ORDER_VOLUME_CURRENT), 2)
                + ",\"price\":" + DoubleToString(OrderGetDouble(ORDER_PRICE_OPEN), digits)
                + ",\"sl\":" + DoubleToString(OrderGetDouble(ORDER_SL), digits)
                + ",\"tp\":" + DoubleToString(OrderGetDouble(ORDER_TP), digits)
                + ",\"comment\":" + UnifyJsonQuote(OrderGetString(ORDER_COMMENT)) + "}";
      reported++;
     }

   return "{\"balance\":" + DoubleToString(AccountInfoDouble(ACCOUNT_BALANCE), 2)
          + ",\"equity\":" + DoubleToString(AccountInfoDouble(ACCOUNT_EQUITY), 2)
          + ",\"margin\":" + DoubleToString(AccountInfoDouble(ACCOUNT_MARGIN), 2)
          + ",\"currency\":" + UnifyJsonQuote(AccountInfoString(ACCOUNT_CURRENCY))
          + ",\"symbol_suffix\":" + UnifyJsonQuote(InpSymbolSuffix)
          + ",\"positions\":[" + positions + "],\"orders\":[" + orders + "]}";
  }

//+------------------------------------------------------------------+
//| Commands                                                         |
//+------------------------------------------------------------------+
void Execute(const UnifyCommand &cmd)
  {
   if(cmd.id == "" || UnifyAlreadyExecuted(cmd.id))
      return;
   UnifyRememberExecuted(cmd.id);
   UnifyAck ack;
   UnifyNewAck(cmd.id, ack);
   string why;
   if(!UnifyTradingAllowed(why))
      UnifyReject(ack, why);
   else if(cmd.action == "open")
      ExecuteOpen(cmd, ack);
   else if(cmd.action == "close" || cmd.action == "close_all")
      ExecuteClose(cmd, ack);
   else if(cmd.action == "cancel")
      ExecuteCancel(cmd, ack);
   else if(cmd.action == "modify")
      ExecuteModify(cmd, ack);
   else
      UnifyReject(ack, "unknown action " + cmd.action + "; update UnifyBridge");
   // "rejected" is final at Unify: an order the trade server may still execute is not
   // acked at all. Unify finds it among the reported positions by its comment, or reports
   // it unconfirmed ("check the terminal") when it never shows up.
   if(ack.unconfirmed)
     {
      Print("UnifyBridge: ", cmd.action, " ", cmd.symbol, " sent, outcome not known yet: ", ack.error);
      return;
     }
   if(!ack.filled)
      Print("UnifyBridge: ", cmd.action, " ", cmd.symbol, " refused: ", ack.error);
   UnifyQueueAck(ack);
  }

// A market order with its stop loss and take profit, our order id in the comment.
void ExecuteOpen(const UnifyCommand &cmd, UnifyAck &ack)
  {
   // Never a default direction: a command without buy/sell is refused, not sold.
   if(cmd.side != "buy" && cmd.side != "sell")
     {
      UnifyReject(ack, "open without a side (\"" + cmd.side + "\"); update UnifyBridge");
      return;
     }
   string symbol = UnifyBrokerSymbol(cmd.symbol);
   if(symbol == "")
     {
      UnifyReject(ack, cmd.symbol + " is not offered by this broker; set InpSymbolSuffix or InpSymbolMap");
      return;
     }
   double lots;
   string why;
   if(!UnifyNormalizeLots(symbol, cmd.lots, lots, why))
     {
      UnifyReject(ack, why);
      return;
     }
   int digits = SymbolDigits(symbol);
   double sl = cmd.sl > 0 ? NormalizeDouble(cmd.sl, digits) : 0.0;
   double tp = cmd.tp > 0 ? NormalizeDouble(cmd.tp, digits) : 0.0;
   g_trade.SetTypeFillingBySymbol(symbol);
   bool sent = (cmd.side == "buy") ? g_trade.Buy(lots, symbol, 0.0, sl, tp, cmd.comment)
               : g_trade.Sell(lots, symbol, 0.0, sl, tp, cmd.comment);
   // TRADE_RETCODE_PLACED: the server accepted the market order and executes it after
   // answering (exchange execution). Not a rejection: the deal may still happen.
   if(sent && g_trade.ResultRetcode() == TRADE_RETCODE_PLACED)
     {
      ack.unconfirmed = true;
      ack.error = TradeError();
      return;
     }
   if(!Done(sent))
     {
      UnifyReject(ack, TradeError());
      return;
     }
   ack.filled = true;
   ack.ticket = IntegerToString((long)g_trade.ResultOrder());
   ack.price = g_trade.ResultPrice();
   ulong deal = g_trade.ResultDeal();
   // Some execution modes leave the result's price at 0; the deal has the real one.
   if(ack.price <= 0 && HistoryDealSelect(deal))
      ack.price = HistoryDealGetDouble(deal, DEAL_PRICE);
   ack.lots = g_trade.ResultVolume() > 0 ? g_trade.ResultVolume() : lots;
   ack.digits = digits;
   ack.count = 1;
  }

// close: the positions in one symbol (one side when given), `lots` of them or all, Unify's
// own first, oldest first; close_all: every position. Reports the volume-weighted price
// and realised profit.
void ExecuteClose(const UnifyCommand &cmd, UnifyAck &ack)
  {
   bool all = (cmd.action == "close_all");
   string symbol = "";
   if(!all)
     {
      symbol = UnifyBrokerSymbol(cmd.symbol);
      if(symbol == "")
        {
         UnifyReject(ack, cmd.symbol + " is not offered by this broker");
         return;
        }
     }
   ulong tickets[];
   int n = 0;
   // Unify's own trades (its magic number) first, then the others: on a hedging account a
   // partial close must not cut into the trader's manual trade while Unify's keeps running
   // with its stop loss and take profit.
   for(int pass = 0; pass < 2; pass++)
      for(int i = 0; i < PositionsTotal(); i++)
        {
         ulong ticket = PositionGetTicket(i);
         if(ticket == 0 || !IsManaged(PositionGetInteger(POSITION_MAGIC)))
            continue;
         if(((ulong)PositionGetInteger(POSITION_MAGIC) == InpMagicNumber) != (pass == 0))
            continue;
         if(!all && (PositionGetString(POSITION_SYMBOL) != symbol || (cmd.side != "" && PositionSide() != cmd.side)))
            continue;
         ArrayResize(tickets, n + 1);
         tickets[n] = ticket;
         n++;
        }
   if(n == 0)
     {
      // Flattening a flat account is done; closing a symbol with nothing open is refused.
      if(all)
         ack.filled = true;
      else
         UnifyReject(ack, "no open position in " + cmd.symbol);
      return;
     }

   double remaining = (all || cmd.lots < 0) ? -1 : cmd.lots;
   double weighted = 0, volume = 0, profit = 0;
   int closed = 0;
   string errors = "";
   for(int k = 0; k < n; k++)
     {
      if(remaining >= 0 && remaining < 1e-9)
         break;
      if(!PositionSelectByTicket(tickets[k]))
         continue;
      string posSymbol = PositionGetString(POSITION_SYMBOL);
      double posVolume = PositionGetDouble(POSITION_VOLUME);
      double closeVolume = posVolume;
      string why;
      if(remaining > 0 && remaining < posVolume && !UnifyNormalizeLots(posSymbol, remaining, closeVolume, why))
        {
         errors += why + "; ";
         break;
        }
      g_trade.SetTypeFillingBySymbol(posSymbol);
      bool sent = (closeVolume >= posVolume - 1e-9) ? g_trade.PositionClose(tickets[k], (ulong)InpSlippagePoints)
                  : g_trade.PositionClosePartial(tickets[k], closeVolume, (ulong)InpSlippagePoints);
      if(!Done(sent))
        {
         errors += "#" + IntegerToString((long)tickets[k]) + ": " + TradeError() + "; ";
         continue;
        }
      double price = g_trade.ResultPrice();
      ulong deal = g_trade.ResultDeal();
      if(HistoryDealSelect(deal))
        {
         profit += HistoryDealGetDouble(deal, DEAL_PROFIT) + HistoryDealGetDouble(deal, DEAL_SWAP) + HistoryDealGetDouble(deal, DEAL_COMMISSION);
         if(price <= 0)
            price = HistoryDealGetDouble(deal, DEAL_PRICE);
        }
      double done = g_trade.ResultVolume() > 0 ? g_trade.ResultVolume() : closeVolume;
      weighted += price * done;
      volume += done;
      closed++;
      if(remaining > 0)
         remaining -= done;
      if(ack.ticket == "")
         ack.ticket = IntegerToString((long)tickets[k]);
      ack.digits = SymbolDigits(posSymbol);
     }
   if(closed == 0)
     {
      UnifyReject(ack, errors);
      return;
     }
   if(errors != "")
      Print("UnifyBridge: closed ", closed, " of ", n, " positions; ", errors);
   ack.filled = true;
   // Across symbols an average price means nothing: close_all reports 0.
   ack.price = (!all && volume > 0) ? weighted / volume : 0;
   ack.lots = volume;
   ack.profit = profit;
   ack.count = closed;
  }

// Deletes pending orders, of one symbol or all.
void ExecuteCancel(const UnifyCommand &cmd, UnifyAck &ack)
  {
   string symbol = (cmd.symbol == "") ? "" : UnifyBrokerSymbol(cmd.symbol);
   int deleted = 0;
   string errors = "";
   for(int i = OrdersTotal() - 1; i >= 0; i--)
     {
      ulong ticket = OrderGetTicket(i);
      if(ticket == 0 || !IsManaged(OrderGetInteger(ORDER_MAGIC)))
         continue;
      if(cmd.symbol != "" && OrderGetString(ORDER_SYMBOL) != symbol)
         continue;
      ENUM_ORDER_TYPE type = (ENUM_ORDER_TYPE)OrderGetInteger(ORDER_TYPE);
      if(type == ORDER_TYPE_BUY || type == ORDER_TYPE_SELL)
         continue;
      if(g_trade.OrderDelete(ticket) && Done(true))
         deleted++;
      else
         errors += "#" + IntegerToString((long)ticket) + ": " + TradeError() + "; ";
     }
   if(errors != "" && deleted == 0)
     {
      UnifyReject(ack, errors);
      return;
     }
   ack.filled = true;
   ack.count = deleted;
  }

// New stop loss / take profit on the positions in a symbol; -1 (null) keeps a level, 0 removes it.
void ExecuteModify(const UnifyCommand &cmd, UnifyAck &ack)
  {
   string symbol = UnifyBrokerSymbol(cmd.symbol);
   if(symbol == "")
     {
      UnifyReject(ack, cmd.symbol + " is not offered by this broker");
      return;
     }
   int digits = SymbolDigits(symbol);
   ulong tickets[];
   int n = 0;
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0 || !IsManaged(PositionGetInteger(POSITION_MAGIC)) || PositionGetString(POSITION_SYMBOL) != symbol)
         continue;
      if(cmd.side != "" && PositionSide() != cmd.side)
         continue;
      ArrayResize(tickets, n + 1);
      tickets[n] = ticket;
      n++;
     }
   if(n == 0)
     {
      UnifyReject(ack, "no open position in " + cmd.symbol);
      return;
     }
   int modified = 0;
   string errors = "";
   for(int k = 0; k < n; k++)
     {
      if(!PositionSelectByTicket(tickets[k]))
         continue;
      double sl = cmd.sl < 0 ? PositionGetDouble(POSITION_SL) : NormalizeDouble(cmd.sl, digits);
      double tp = cmd.tp < 0 ? PositionGetDouble(POSITION_TP) : NormalizeDouble(cmd.tp, digits);
      bool sent = g_trade.PositionModify(tickets[k], sl, tp);
      // Levels already where they should be are not a failure.
      if(Done(sent) || g_trade.ResultRetcode() == TRADE_RETCODE_NO_CHANGES)
         modified++;
      else
         errors += "#" + IntegerToString((long)tickets[k]) + ": " + TradeError() + "; ";
     }
   if(modified == 0)
     {
      UnifyReject(ack, errors);
      return;
     }
   ack.filled = true;
   ack.count = modified;
  }
//+------------------------------------------------------------------+
