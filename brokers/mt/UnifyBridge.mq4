//+------------------------------------------------------------------+
//| UnifyBridge.mq4                                                  |
//| Connects this MetaTrader 4 account to Unify.                     |
//|                                                                  |
//| The MT4 port of UnifyBridge.mq5: the same protocol (shared in    |
//| UnifyBridgeCore.mqh), with MT4's order functions instead of      |
//| CTrade. Differences are MT4's: open trades and pending orders    |
//| are both "orders", and a broker in Market Execution mode may     |
//| refuse a stop loss or take profit on the market order itself     |
//| (error 130) — the order is then refused, never placed without    |
//| its stops. Install steps: brokers/mt/README.md.                  |
//+------------------------------------------------------------------+
#property copyright "Unify"
#property version   "1.00"
#property description "Unify bridge: executes Unify's orders in this terminal and reports the account."
#property strict

#include <stdlib.mqh>
#include "UnifyBridgeCore.mqh"

input string InpServerUrl      = "https://unify.example.com"; // Unify URL (also allow it: Tools > Options > Expert Advisors)
input string InpDeviceId       = "";                          // Device id (Unify shows it when you connect the account)
input string InpDeviceSecret   = "";                          // Device secret (shown once, with the device id)
input int    InpPollIntervalMs = 500;                         // Poll interval, milliseconds
input string InpSymbolSuffix   = "";                          // Symbol suffix at this broker (EURUSD.m -> .m); empty: detect
input string InpSymbolMap      = "";                          // Renamed symbols, ours=broker's: XAUUSD=GOLD;US30=DJ30
input int    InpMagicNumber    = 20261124;                    // Magic number on Unify's trades
input int    InpSlippagePoints = 20;                          // Maximum slippage, points
input bool   InpOnlyOwnTrades  = false;                       // Report and close only trades with this magic number
input bool   InpSealCommands   = false;                       // Ask for AES-256-GCM sealed commands
input int    InpHttpTimeoutMs  = 5000;                        // HTTP timeout, milliseconds

bool g_busy = false;

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
   EventSetMillisecondTimer(InpPollIntervalMs < 100 ? 100 : InpPollIntervalMs);
   Print("UnifyBridge: polling ", InpServerUrl, " every ", InpPollIntervalMs, " ms as device ", InpDeviceId);
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
  }

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
//| Helpers over the selected order                                  |
//+------------------------------------------------------------------+
bool IsManaged()
  {
   return !InpOnlyOwnTrades || OrderMagicNumber() == InpMagicNumber;
  }

bool IsOpenTrade()
  {
   return OrderType() == OP_BUY || OrderType() == OP_SELL;
  }

string TradeSide()
  {
   return (OrderType() == OP_BUY || OrderType() == OP_BUYLIMIT || OrderType() == OP_BUYSTOP) ? "buy" : "sell";
  }

int SymbolDigits(const string symbol)
  {
   return (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
  }

// MQL4's GetLastError() also clears the error, so it is read once and passed around.
string ErrorText(const int code)
  {
   return ErrorDescription(code) + " (" + IntegerToString(code) + ")";
  }

// The price an open trade closes at: a buy sells at the bid, a sell buys at the ask.
double ExitPrice(const string symbol, const bool isBuy)
  {
   RefreshRates();
   return isBuy ? SymbolInfoDouble(symbol, SYMBOL_BID) : SymbolInfoDouble(symbol, SYMBOL_ASK);
  }

//+------------------------------------------------------------------+
//| The account as /ea/poll expects it                               |
//+------------------------------------------------------------------+
string BuildAccountState()
  {
   string positions = "", orders = "";
   int positionCount = 0, orderCount = 0;
   for(int i = 0; i < OrdersTotal(); i++)
     {
      if(!OrderSelect(i, SELECT_BY_POS, MODE_TRADES) || !IsManaged())
         continue;
      string symbol = OrderSymbol();
      int digits = SymbolDigits(symbol);
      if(IsOpenTrade())
        {
         if(positionCount >= UNIFY_MAX_POSITIONS)
            continue;
         if(positionCount > 0)
            positions += ",";
         positions += "{\"ticket\":" + UnifyJsonQuote(IntegerToString(OrderTicket()))
                      + ",\"symbol\":" + UnifyJsonQuote(UnifyOurSymbol(symbol))
                      + ",\"side\":" + UnifyJsonQuote(TradeSide())
                      + ",\"lots\":" + DoubleToString(OrderLots(), 2)
                      + ",\"open_price\":" + DoubleToString(OrderOpenPrice(), digits)
                      + ",\"current_price\":" + DoubleToString(OrderClosePrice(), digits)
                      + ",\"sl\":" + DoubleToString(OrderStopLoss(), digits)
                      + ",\"tp\":" + DoubleToString(OrderTakeProfit(), digits)
                      + ",\"profit\":" + DoubleToString(OrderProfit() + OrderSwap(), 2)
                      + ",\"comment\":" + UnifyJsonQuote(OrderComment()) + "}";
         positionCount++;
        }
      else
        {
         if(orderCount >= UNIFY_MAX_ORDERS)
            continue;
         bool limit = (OrderType() == OP_BUYLIMIT || OrderType() == OP_SELLLIMIT);
         if(orderCount > 0)
            orders += ",";
         orders += "{\"ticket\":" + UnifyJsonQuote(IntegerToString(OrderTicket()))
                   + ",\"symbol\":" + UnifyJsonQuote(UnifyOurSymbol(symbol))
                   + ",\"side\":" + UnifyJsonQuote(TradeSide())
                   + ",\"type\":" + UnifyJsonQuote(limit ? "limit" : "stop")
                   + ",\"lots\":" + DoubleToString(OrderLots(), 2)
                   + ",\"price\":" + DoubleToString(OrderOpenPrice(), digits)
                   + ",\"sl\":" + DoubleToString(OrderStopLoss(), digits)
                   + ",\"tp\":" + DoubleToString(OrderTakeProfit(), digits)
                   + ",\"comment\":" + UnifyJsonQuote(OrderComment()) + "}";
         orderCount++;
        }
     }
   return "{\"balance\":" + DoubleToString(AccountBalance(), 2)
          + ",\"equity\":" + DoubleToString(AccountEquity(), 2)
          + ",\"margin\":" + DoubleToString(AccountMargin(), 2)
          + ",\"currency\":" + UnifyJsonQuote(AccountCurrency())
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
   bool isBuy = (cmd.side == "buy");
   double sl = cmd.sl > 0 ? NormalizeDouble(cmd.sl, digits) : 0.0;
   double tp = cmd.tp > 0 ? NormalizeDouble(cmd.tp, digits) : 0.0;
   RefreshRates();
   double price = isBuy ? SymbolInfoDouble(symbol, SYMBOL_ASK) : SymbolInfoDouble(symbol, SYMBOL_BID);
   ResetLastError();
   int ticket = OrderSend(symbol, isBuy ? OP_BUY : OP_SELL, lots, price, InpSlippagePoints, sl, tp, cmd.comment, InpMagicNumber, 0, clrNONE);
   if(ticket < 0)
     {
      int code = GetLastError();
      // 128 trade timeout, 142 enqueued, 143 accepted by the dealer: MQL4's documentation
      // says the trade may still have been executed. Not a rejection.
      if(code == 128 || code == 142 || code == 143)
        {
         ack.unconfirmed = true;
         ack.error = ErrorText(code);
         return;
        }
      UnifyReject(ack, ErrorText(code));
      return;
     }
   ack.filled = true;
   ack.ticket = IntegerToString(ticket);
   ack.price = price;
   ack.lots = lots;
   if(OrderSelect(ticket, SELECT_BY_TICKET))
     {
      ack.price = OrderOpenPrice();
      ack.lots = OrderLots();
     }
   ack.digits = digits;
   ack.count = 1;
  }

// close: the trades in one symbol (one side when given), `lots` of them or all, Unify's own
// first, oldest first; close_all: every open trade. Reports the volume-weighted price and
// realised profit.
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
   int tickets[];
   int n = 0;
   // Unify's own trades (its magic number) first, then the others: a partial close must not
   // cut into the trader's manual trade while Unify's keeps running with its stops.
   for(int pass = 0; pass < 2; pass++)
      for(int i = 0; i < OrdersTotal(); i++)
        {
         if(!OrderSelect(i, SELECT_BY_POS, MODE_TRADES) || !IsOpenTrade() || !IsManaged())
            continue;
         if((OrderMagicNumber() == InpMagicNumber) != (pass == 0))
            continue;
         if(!all && (OrderSymbol() != symbol || (cmd.side != "" && TradeSide() != cmd.side)))
            continue;
         ArrayResize(tickets, n + 1);
         tickets[n] = OrderTicket();
         n++;
        }
   if(n == 0)
     {
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
      if(!OrderSelect(tickets[k], SELECT_BY_TICKET, MODE_TRADES))
         continue;
      string tradeSymbol = OrderSymbol();
      double tradeLots = OrderLots();
      double closeLots = tradeLots;
      string why;
      if(remaining > 0 && remaining < tradeLots && !UnifyNormalizeLots(tradeSymbol, remaining, closeLots, why))
        {
         errors += why + "; ";
         break;
        }
      bool isBuy = (OrderType() == OP_BUY);
      ResetLastError();
      if(!OrderClose(tickets[k], closeLots, ExitPrice(tradeSymbol, isBuy), InpSlippagePoints, clrNONE))
        {
         errors += "#" + IntegerToString(tickets[k]) + ": " + ErrorText(GetLastError()) + "; ";
         continue;
        }
      // The closed part stays in the history under the original ticket.
      double price = 0;
      if(OrderSelect(tickets[k], SELECT_BY_TICKET, MODE_HISTORY))
        {
         price = OrderClosePrice();
         profit += OrderProfit() + OrderSwap() + OrderCommission();
        }
      weighted += price * closeLots;
      volume += closeLots;
      closed++;
      if(remaining > 0)
         remaining -= closeLots;
      if(ack.ticket == "")
         ack.ticket = IntegerToString(tickets[k]);
      ack.digits = SymbolDigits(tradeSymbol);
     }
   if(closed == 0)
     {
      UnifyReject(ack, errors);
      return;
     }
   if(errors != "")
      Print("UnifyBridge: closed ", closed, " of ", n, " trades; ", errors);
   ack.filled = true;
   ack.price = (!all && volume > 0) ? weighted / volume : 0;
   ack.lots = volume;
   ack.profit = profit;
   ack.count = closed;
  }

void ExecuteCancel(const UnifyCommand &cmd, UnifyAck &ack)
  {
   string symbol = (cmd.symbol == "") ? "" : UnifyBrokerSymbol(cmd.symbol);
   int deleted = 0;
   string errors = "";
   for(int i = OrdersTotal() - 1; i >= 0; i--)
     {
      if(!OrderSelect(i, SELECT_BY_POS, MODE_TRADES) || IsOpenTrade() || !IsManaged())
         continue;
      if(cmd.symbol != "" && OrderSymbol() != symbol)
         continue;
      int ticket = OrderTicket();
      ResetLastError();
      if(OrderDelete(ticket, clrNONE))
         deleted++;
      else
         errors += "#" + IntegerToString(ticket) + ": " + ErrorText(GetLastError()) + "; ";
     }
   if(errors != "" && deleted == 0)
     {
      UnifyReject(ack, errors);
      return;
     }
   ack.filled = true;
   ack.count = deleted;
  }

// New stop loss / take profit on the trades in a symbol; -1 (null) keeps a level, 0 removes it.
void ExecuteModify(const UnifyCommand &cmd, UnifyAck &ack)
  {
   string symbol = UnifyBrokerSymbol(cmd.symbol);
   if(symbol == "")
     {
      UnifyReject(ack, cmd.symbol + " is not offered by this broker");
      return;
     }
   int digits = SymbolDigits(symbol);
   int modified = 0, matched = 0;
   string errors = "";
   for(int i = 0; i < OrdersTotal(); i++)
     {
      if(!OrderSelect(i, SELECT_BY_POS, MODE_TRADES) || !IsOpenTrade() || !IsManaged() || OrderSymbol() != symbol)
         continue;
      if(cmd.side != "" && TradeSide() != cmd.side)
         continue;
      matched++;
      double sl = cmd.sl < 0 ? OrderStopLoss() : NormalizeDouble(cmd.sl, digits);
      double tp = cmd.tp < 0 ? OrderTakeProfit() : NormalizeDouble(cmd.tp, digits);
      ResetLastError();
      bool done = OrderModify(OrderTicket(), OrderOpenPrice(), sl, tp, 0, clrNONE);
      int code = GetLastError();
      // Error 1 (no result) means the levels were already there: not a failure.
      if(done || code == ERR_NO_RESULT)
         modified++;
      else
         errors += "#" + IntegerToString(OrderTicket()) + ": " + ErrorText(code) + "; ";
     }
   if(matched == 0)
     {
      UnifyReject(ack, "no open position in " + cmd.symbol);
      return;
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
