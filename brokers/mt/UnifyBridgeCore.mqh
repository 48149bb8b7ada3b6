//+------------------------------------------------------------------+
//| UnifyBridgeCore.mqh — part of UnifyBridge (MetaTrader 4 and 5)   |
//|                                                                  |
//| The protocol half of the EA, shared by UnifyBridge.mq5 and       |
//| UnifyBridge.mq4: signed WebRequest calls to /ea/poll and /ea/ack,|
//| the queue of acks until the server has them, commands never run |
//| twice, and symbol names (our EURUSD <-> the broker's EURUSD.m).  |
//| Plain MQL that compiles as MQL4 (strict) and MQL5; the test      |
//| client tests/support/ea-client.ts speaks the same bytes.         |
//+------------------------------------------------------------------+
#ifndef UNIFY_BRIDGE_CORE_MQH
#define UNIFY_BRIDGE_CORE_MQH

#include "UnifyCrypto.mqh"
#include "UnifyJson.mqh"

#define UNIFY_API_PATH        "/api/unify/v1/ea/"
#define UNIFY_SEAL_LABEL      "unify-ea-seal-v1"
#define UNIFY_MAX_POSITIONS   200     // keeps a poll body well under the server's 64 KiB limit
#define UNIFY_MAX_ORDERS      50
#define UNIFY_ACK_GIVE_UP_SEC 600     // an ack the server never took is dropped after 10 minutes
#define UNIFY_SEEN_IDS        256     // command ids remembered so a command never runs twice

//--- The outcome of one command, kept until /ea/ack has accepted it.
struct UnifyAck
  {
   string            commandId;
   bool              filled;
   string            ticket;
   double            price;
   int               digits;   // decimals the price is written with
   double            lots;
   double            profit;
   int               count;
   string            error;
   datetime          firstTry;
   bool              unconfirmed; // the server took the request but its outcome is unknown: no ack
  };

//--- Connection settings, set once by UnifyInit().
string   g_unifyBaseUrl   = "";
string   g_unifyDeviceId  = "";
uchar    g_unifySecret[];           // the device secret as UTF-8 bytes (HMAC key)
uchar    g_unifySealKey[];          // HMAC-SHA256(secret, "unify-ea-seal-v1"): AES-256 key of sealed answers
bool     g_unifyAskSeal   = false;
int      g_unifyTimeoutMs = 5000;
ulong    g_unifyNonce     = 0;

UnifyAck g_unifyAcks[];             // acks waiting for delivery
string   g_unifySeen[];             // ring of executed command ids
int      g_unifySeenNext  = 0;

string   g_unifyLastLog   = "";
datetime g_unifyLastLogAt = 0;

//+------------------------------------------------------------------+
//| Logging: a repeated failure (server down) prints once a minute.  |
//+------------------------------------------------------------------+
void UnifyLog(const string message)
  {
   datetime now = TimeLocal();
   if(message == g_unifyLastLog && now - g_unifyLastLogAt < 60)
      return;
   g_unifyLastLog = message;
   g_unifyLastLogAt = now;
   Print("UnifyBridge: ", message);
  }

//+------------------------------------------------------------------+
//| Symbols: our EURUSD <-> the broker's name in this terminal       |
//+------------------------------------------------------------------+
string g_unifySuffix = "";
string g_unifyMapOurs[];
string g_unifyMapTheirs[];
string g_unifyCacheOurs[];
string g_unifyCacheTheirs[];

// mapText: "XAUUSD=GOLD;US30=DJ30" (our name = the broker's name).
void UnifySymbolsInit(const string suffix, const string mapText)
  {
   g_unifySuffix = UnifyTrim(suffix);
   ArrayResize(g_unifyMapOurs, 0);
   ArrayResize(g_unifyMapTheirs, 0);
   ArrayResize(g_unifyCacheOurs, 0);
   ArrayResize(g_unifyCacheTheirs, 0);
   string entries[];
   int n = StringSplit(mapText, ';', entries);
   for(int i = 0; i < n; i++)
     {
      string pair[];
      if(StringSplit(entries[i], '=', pair) != 2)
         continue;
      int k = ArraySize(g_unifyMapOurs);
      ArrayResize(g_unifyMapOurs, k + 1);
      ArrayResize(g_unifyMapTheirs, k + 1);
      g_unifyMapOurs[k] = UnifyTrim(pair[0]);
      g_unifyMapTheirs[k] = UnifyTrim(pair[1]);
     }
  }

void UnifyRememberSymbol(const string ours, const string theirs)
  {
   int k = ArraySize(g_unifyCacheOurs);
   ArrayResize(g_unifyCacheOurs, k + 1);
   ArrayResize(g_unifyCacheTheirs, k + 1);
   g_unifyCacheOurs[k] = ours;
   g_unifyCacheTheirs[k] = theirs;
  }

// The terminal's symbol for one of ours, selected into Market Watch; "" when the broker has none.
// Order: the map input, ours + suffix input, ours as is, then the first server symbol that
// starts with ours followed by at most 4 characters (EURUSDm, EURUSD.pro).
string UnifyBrokerSymbol(const string ours)
  {
   for(int i = 0; i < ArraySize(g_unifyCacheOurs); i++)
      if(g_unifyCacheOurs[i] == ours)
         return g_unifyCacheTheirs[i];
   string found = "";
   for(int i = 0; i < ArraySize(g_unifyMapOurs) && found == ""; i++)
      if(g_unifyMapOurs[i] == ours && SymbolSelect(g_unifyMapTheirs[i], true))
         found = g_unifyMapTheirs[i];
   if(found == "" && g_unifySuffix != "" && SymbolSelect(ours + g_unifySuffix, true))
      found = ours + g_unifySuffix;
   if(found == "" && SymbolSelect(ours, true))
      found = ours;
   if(found == "")
     {
      int total = SymbolsTotal(false);
      for(int i = 0; i < total; i++)
        {
         string name = SymbolName(i, false);
         if(StringFind(name, ours) == 0 && StringLen(name) - StringLen(ours) <= 4 && SymbolSelect(name, true))
           {
            found = name;
            break;
           }
        }
     }
   if(found != "")
      UnifyRememberSymbol(ours, found);
   return found;
  }

// Our name for a terminal symbol, for the positions and orders the EA reports.
string UnifyOurSymbol(const string theirs)
  {
   for(int i = 0; i < ArraySize(g_unifyCacheTheirs); i++)
      if(g_unifyCacheTheirs[i] == theirs)
         return g_unifyCacheOurs[i];
   for(int i = 0; i < ArraySize(g_unifyMapTheirs); i++)
      if(g_unifyMapTheirs[i] == theirs)
         return g_unifyMapOurs[i];
   int cut = StringLen(theirs) - StringLen(g_unifySuffix);
   if(g_unifySuffix != "" && cut > 0 && StringSubstr(theirs, cut) == g_unifySuffix)
      return StringSubstr(theirs, 0, cut);
   return theirs;
  }

//+------------------------------------------------------------------+
//| Trading permission and volumes                                   |
//+------------------------------------------------------------------+
bool UnifyTradingAllowed(string &why)
  {
   if(!TerminalInfoInteger(TERMINAL_TRADE_ALLOWED))
     {
      why = "Algo Trading is switched off in the MetaTrader toolbar";
      return false;
     }
   if(!MQLInfoInteger(MQL_TRADE_ALLOWED))
     {
      why = "live trading is not allowed for UnifyBridge (EA properties, Common tab)";
      return false;
     }
   return true;
  }

// Lots floored to the symbol's volume step; false (with the reason) outside min..max.
bool UnifyNormalizeLots(const string symbol, const double lots, double &out, string &why)
  {
   double step = SymbolInfoDouble(symbol, SYMBOL_VOLUME_STEP);
   double minLots = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MIN);
   double maxLots = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MAX);
   if(step <= 0)
      step = 0.01;
   out = NormalizeDouble(MathFloor(lots / step + 1e-9) * step, 8);
   if(out < minLots - 1e-9)
     {
      why = StringFormat("%.2f lots is below the minimum of %.2f for %s", lots, minLots, symbol);
      return false;
     }
   if(maxLots > 0 && out > maxLots + 1e-9)
     {
      why = StringFormat("%.2f lots is above the maximum of %.2f for %s", lots, maxLots, symbol);
      return false;
     }
   return true;
  }

//+------------------------------------------------------------------+
//| Commands executed already (a command never runs twice)           |
//+------------------------------------------------------------------+
bool UnifyAlreadyExecuted(const string id)
  {
   for(int i = 0; i < ArraySize(g_unifySeen); i++)
      if(g_unifySeen[i] == id)
         return true;
   return false;
  }

void UnifyRememberExecuted(const string id)
  {
   if(ArraySize(g_unifySeen) < UNIFY_SEEN_IDS)
      ArrayResize(g_unifySeen, UNIFY_SEEN_IDS);
   g_unifySeen[g_unifySeenNext] = id;
   g_unifySeenNext = (g_unifySeenNext + 1) % UNIFY_SEEN_IDS;
  }

//+------------------------------------------------------------------+
//| Signed HTTP                                                      |
//+------------------------------------------------------------------+
bool UnifyInit(const string serverUrl, const string deviceId, const string deviceSecret, const bool askSeal, const int timeoutMs)
  {
   g_unifyBaseUrl = UnifyTrim(serverUrl);
   while(StringLen(g_unifyBaseUrl) > 0 && StringSubstr(g_unifyBaseUrl, StringLen(g_unifyBaseUrl) - 1) == "/")
      g_unifyBaseUrl = StringSubstr(g_unifyBaseUrl, 0, StringLen(g_unifyBaseUrl) - 1);
   g_unifyDeviceId = UnifyTrim(deviceId);
   g_unifyAskSeal = askSeal;
   g_unifyTimeoutMs = timeoutMs;
   // Seeded from the tick count so a restarted EA does not start over at a recent value.
   g_unifyNonce = (ulong)GetTickCount();
   ArrayResize(g_unifyAcks, 0);
   if(UnifyUtf8(UnifyTrim(deviceSecret), g_unifySecret) == 0)
      return false;
   uchar label[];
   UnifyUtf8(UNIFY_SEAL_LABEL, label);
   return UnifyHmacSha256(g_unifySecret, label, g_unifySealKey);
  }

ulong UnifyNextNonce()
  {
   g_unifyNonce++;
   return g_unifyNonce;
  }

// POSTs a body with X-Device-Id and X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>.
// Returns the HTTP status (-1: no connection or URL not allowed); signedAt is the t sent.
int UnifyPost(const string endpoint, const string body, string &response, long &signedAt)
  {
   response = "";
   uchar bodyBytes[], message[], mac[];
   int n = UnifyUtf8(body, bodyBytes);
   signedAt = (long)TimeGMT();
   UnifyUtf8(IntegerToString(signedAt) + "." + body, message);
   if(!UnifyHmacSha256(g_unifySecret, message, mac))
      return -1;
   string headers = "Content-Type: application/json\r\n"
                    + "X-Device-Id: " + g_unifyDeviceId + "\r\n"
                    + "X-Signature: t=" + IntegerToString(signedAt) + ",v1=" + UnifyHex(mac) + "\r\n";
   if(g_unifyAskSeal)
      headers += "X-Seal-Commands: 1\r\n";

   // WebRequest takes char[]; the crypto above works on uchar[]. Same bytes.
   char data[], result[];
   ArrayResize(data, n);
   for(int i = 0; i < n; i++)
      data[i] = (char)bodyBytes[i];
   string resultHeaders;
   ResetLastError();
   int status = WebRequest("POST", g_unifyBaseUrl + UNIFY_API_PATH + endpoint, headers, g_unifyTimeoutMs, data, result, resultHeaders);
   if(status == -1)
     {
      UnifyLog("WebRequest to " + g_unifyBaseUrl + " failed (error " + IntegerToString(GetLastError())
               + "). Add the URL under Tools > Options > Expert Advisors > Allow WebRequest for listed URL.");
      return -1;
     }
   int m = ArraySize(result);
   if(m > 0)
     {
      uchar bytes[];
      ArrayResize(bytes, m);
      for(int i = 0; i < m; i++)
         bytes[i] = (uchar)result[i];
      response = CharArrayToString(bytes, 0, m, CP_UTF8);
     }
   return status;
  }

//+------------------------------------------------------------------+
//| Acks: queued, sent at once, retried until the server takes them  |
//+------------------------------------------------------------------+
string UnifyAckBody(const UnifyAck &ack)
  {
   string body = "{\"nonce\":" + IntegerToString((long)UnifyNextNonce())
                 + ",\"command_id\":" + UnifyJsonQuote(ack.commandId)
                 + ",\"status\":" + UnifyJsonQuote(ack.filled ? "filled" : "rejected")
                 + ",\"ticket\":" + UnifyJsonQuote(ack.ticket)
                 + ",\"price\":" + DoubleToString(ack.price, ack.digits)
                 + ",\"lots\":" + DoubleToString(ack.lots, 2)
                 + ",\"profit\":" + DoubleToString(ack.profit, 2)
                 + ",\"count\":" + IntegerToString(ack.count);
   if(!ack.filled)
      body += ",\"error\":" + UnifyJsonQuote(ack.error);
   return body + "}";
  }

void UnifyNewAck(const string commandId, UnifyAck &ack)
  {
   ack.commandId = commandId;
   ack.filled = false;
   ack.ticket = "";
   ack.price = 0;
   ack.digits = 5;
   ack.lots = 0;
   ack.profit = 0;
   ack.count = 0;
   ack.error = "";
   ack.firstTry = TimeLocal();
   ack.unconfirmed = false;
  }

void UnifyReject(UnifyAck &ack, const string reason)
  {
   ack.filled = false;
   ack.error = reason;
  }

void UnifyQueueAck(const UnifyAck &ack)
  {
   int n = ArraySize(g_unifyAcks);
   ArrayResize(g_unifyAcks, n + 1);
   g_unifyAcks[n] = ack;
  }

// Sends every queued ack. 2xx: delivered; 400/404: the server will never take it (logged,
// dropped); anything else (offline, 5xx, 401 for a clock off by 5 minutes): kept and
// retried on the next timer tick, each time signed afresh.
void UnifyFlushAcks()
  {
   int kept = 0;
   bool offline = false;
   int n = ArraySize(g_unifyAcks);
   for(int i = 0; i < n; i++)
     {
      string response;
      long signedAt;
      if(offline)
        {
         g_unifyAcks[kept] = g_unifyAcks[i];
         kept++;
         continue;
        }
      int status = UnifyPost("ack", UnifyAckBody(g_unifyAcks[i]), response, signedAt);
      // No connection: the rest waits for the next tick instead of blocking on each timeout.
      offline = (status == -1);
      bool done = (status >= 200 && status < 300);
      if(status == 400 || status == 404)
        {
         UnifyLog("ack for " + g_unifyAcks[i].commandId + " refused (" + IntegerToString(status) + "): " + response);
         done = true;
        }
      if(!done && TimeLocal() - g_unifyAcks[i].firstTry > UNIFY_ACK_GIVE_UP_SEC)
        {
         UnifyLog("giving up on the ack for " + g_unifyAcks[i].commandId + " after 10 minutes");
         done = true;
        }
      if(!done)
        {
         g_unifyAcks[kept] = g_unifyAcks[i];
         kept++;
        }
     }
   ArrayResize(g_unifyAcks, kept);
  }

//+------------------------------------------------------------------+
//| One poll: report the account, receive the commands               |
//+------------------------------------------------------------------+
bool UnifyPoll(const string accountStateJson, UnifyCommand &commands[])
  {
   ArrayResize(commands, 0);
   string body = "{\"nonce\":" + IntegerToString((long)UnifyNextNonce()) + ",\"account_state\":" + accountStateJson + "}";
   string response;
   long signedAt;
   int status = UnifyPost("poll", body, response, signedAt);
   if(status != 200)
     {
      if(status > 0)
         UnifyLog("poll answered " + IntegerToString(status) + ": " + response);
      return false;
     }
   bool sealed;
   string iv = "", tag = "", ct = "";
   if(!UnifyJsonAnswer(response, commands, sealed, iv, tag, ct))
     {
      UnifyLog("could not read the poll answer: " + response);
      return false;
     }
   if(!sealed)
     {
      // Having asked for sealed commands, plain ones mean someone on the path removed the seal.
      if(g_unifyAskSeal && ArraySize(commands) > 0)
        {
         UnifyLog("refused unsealed commands although sealing is on");
         ArrayResize(commands, 0);
         return false;
        }
      return true;
     }
   uchar ivBytes[], tagBytes[], ctBytes[], aad[], plain[];
   if(!UnifyBase64Decode(iv, ivBytes) || !UnifyBase64Decode(tag, tagBytes) || !UnifyBase64Decode(ct, ctBytes))
      return false;
   // The answer is bound to this request: AAD = device id + "." + the t we signed with.
   UnifyUtf8(g_unifyDeviceId + "." + IntegerToString(signedAt), aad);
   if(!UnifyGcmOpen(g_unifySealKey, ivBytes, ctBytes, tagBytes, aad, plain))
     {
      UnifyLog("a sealed answer failed authentication and was ignored");
      return false;
     }
   string opened = CharArrayToString(plain, 0, ArraySize(plain), CP_UTF8);
   string ignoredIv, ignoredTag, ignoredCt;
   bool nested;
   return UnifyJsonAnswer(opened, commands, nested, ignoredIv, ignoredTag, ignoredCt) && !nested;
  }

#endif // UNIFY_BRIDGE_CORE_MQH
