//+------------------------------------------------------------------+
//| UnifyJson.mqh — part of UnifyBridge (MetaTrader 4 and 5)         |
//|                                                                  |
//| Writes JSON strings with JavaScript's JSON.stringify escaping    |
//| and reads the one document the EA receives: the poll answer      |
//| {"commands":[...]} or {"sealed":{"iv","tag","ct"}}.              |
//+------------------------------------------------------------------+
#ifndef UNIFY_JSON_MQH
#define UNIFY_JSON_MQH

#include "UnifyCrypto.mqh"

//--- One command from /ea/poll. Numbers are -1 where the JSON had null.
struct UnifyCommand
  {
   string            id;
   string            action;   // open | close | modify | close_all | cancel
   string            symbol;   // our symbol (EURUSD); "" when null
   string            side;     // buy | sell; "" when null
   double            lots;     // -1: all (close) / not given
   double            sl;       // -1: not given (modify: keep); 0: none
   double            tp;
   string            comment;  // our order id as "unify:<base36>", goes into the MT comment
  };

//+------------------------------------------------------------------+
//| JSON writing: the same escaping as JavaScript's JSON.stringify   |
//+------------------------------------------------------------------+
string UnifyJsonQuote(const string text)
  {
   string hex = "0123456789abcdef";
   string out = "\"";
   int n = StringLen(text);
   for(int i = 0; i < n; i++)
     {
      ushort c = StringGetCharacter(text, i);
      string escaped;
      switch(c)
        {
         case '"':  escaped = "\\\""; break;
         case '\\': escaped = "\\\\"; break;
         case '\n': escaped = "\\n"; break;
         case '\r': escaped = "\\r"; break;
         case '\t': escaped = "\\t"; break;
         case 8:    escaped = "\\b"; break;
         case 12:   escaped = "\\f"; break;
         default:
            if(c < 0x20)
               escaped = "\\u00" + StringSubstr(hex, c >> 4, 1) + StringSubstr(hex, c & 0x0F, 1);
            else
               escaped = ShortToString(c);
        }
      out += escaped;
     }
   return out + "\"";
  }

//+------------------------------------------------------------------+
//| JSON reading: just enough for the poll answer                    |
//+------------------------------------------------------------------+
ushort UnifyJsonPeek(const string &json, int &pos)
  {
   int n = StringLen(json);
   while(pos < n)
     {
      ushort c = StringGetCharacter(json, pos);
      if(c != ' ' && c != '\t' && c != '\n' && c != '\r')
         return c;
      pos++;
     }
   return 0;
  }

bool UnifyJsonExpect(const string &json, int &pos, const ushort expected)
  {
   if(UnifyJsonPeek(json, pos) != expected)
      return false;
   pos++;
   return true;
  }

bool UnifyJsonReadString(const string &json, int &pos, string &out)
  {
   out = "";
   if(!UnifyJsonExpect(json, pos, '"'))
      return false;
   int n = StringLen(json);
   while(pos < n)
     {
      ushort c = StringGetCharacter(json, pos);
      pos++;
      if(c == '"')
         return true;
      if(c != '\\')
        {
         out += ShortToString(c);
         continue;
        }
      if(pos >= n)
         return false;
      ushort e = StringGetCharacter(json, pos);
      pos++;
      switch(e)
        {
         case 'n': out += "\n"; break;
         case 'r': out += "\r"; break;
         case 't': out += "\t"; break;
         case 'b': out += ShortToString(8); break;
         case 'f': out += ShortToString(12); break;
         case 'u':
           {
            if(pos + 4 > n)
               return false;
            int code = 0;
            for(int i = 0; i < 4; i++)
              {
               int v = UnifyHexValue(StringGetCharacter(json, pos + i));
               if(v < 0)
                  return false;
               code = code * 16 + v;
              }
            pos += 4;
            out += ShortToString((ushort)code);
            break;
           }
         default:
            out += ShortToString(e);   // \" \\ \/
        }
     }
   return false;
  }

bool UnifyJsonReadNumber(const string &json, int &pos, double &out)
  {
   UnifyJsonPeek(json, pos);
   int start = pos;
   int n = StringLen(json);
   while(pos < n)
     {
      ushort c = StringGetCharacter(json, pos);
      if((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
         pos++;
      else
         break;
     }
   if(pos == start)
      return false;
   out = StringToDouble(StringSubstr(json, start, pos - start));
   return true;
  }

// A literal (null, true, false); true when it was null.
bool UnifyJsonIsNull(const string &json, int &pos)
  {
   if(UnifyJsonPeek(json, pos) != 'n')
      return false;
   pos += 4;
   return true;
  }

bool UnifyJsonSkip(const string &json, int &pos)
  {
   ushort c = UnifyJsonPeek(json, pos);
   if(c == '"')
     {
      string ignored;
      return UnifyJsonReadString(json, pos, ignored);
     }
   if(c == '{' || c == '[')
     {
      ushort closing = (ushort)(c == '{' ? '}' : ']');
      pos++;
      if(UnifyJsonPeek(json, pos) == closing)
        {
         pos++;
         return true;
        }
      while(true)
        {
         if(c == '{')
           {
            string key;
            if(!UnifyJsonReadString(json, pos, key) || !UnifyJsonExpect(json, pos, ':'))
               return false;
           }
         if(!UnifyJsonSkip(json, pos))
            return false;
         ushort next = UnifyJsonPeek(json, pos);
         pos++;
         if(next == closing)
            return true;
         if(next != ',')
            return false;
        }
     }
   if(c == 't' || c == 'n')
     {
      pos += 4;
      return true;
     }
   if(c == 'f')
     {
      pos += 5;
      return true;
     }
   double ignoredNumber;
   return UnifyJsonReadNumber(json, pos, ignoredNumber);
  }

bool UnifyJsonNullableString(const string &json, int &pos, string &out)
  {
   out = "";
   if(UnifyJsonIsNull(json, pos))
      return true;
   return UnifyJsonReadString(json, pos, out);
  }

bool UnifyJsonNullableNumber(const string &json, int &pos, double &out)
  {
   out = -1;
   if(UnifyJsonIsNull(json, pos))
      return true;
   return UnifyJsonReadNumber(json, pos, out);
  }

bool UnifyJsonCommand(const string &json, int &pos, UnifyCommand &cmd)
  {
   cmd.id = "";
   cmd.action = "";
   cmd.symbol = "";
   cmd.side = "";
   cmd.lots = -1;
   cmd.sl = -1;
   cmd.tp = -1;
   cmd.comment = "";
   if(!UnifyJsonExpect(json, pos, '{'))
      return false;
   if(UnifyJsonPeek(json, pos) == '}')
     {
      pos++;
      return true;
     }
   while(true)
     {
      string key;
      if(!UnifyJsonReadString(json, pos, key) || !UnifyJsonExpect(json, pos, ':'))
         return false;
      string text = "";
      double number = -1;
      bool ok = true;
      if(key == "command_id" || key == "action" || key == "symbol" || key == "side" || key == "comment")
         ok = UnifyJsonNullableString(json, pos, text);
      else
         if(key == "lots" || key == "sl" || key == "tp")
            ok = UnifyJsonNullableNumber(json, pos, number);
         else
            ok = UnifyJsonSkip(json, pos);
      if(!ok)
         return false;
      if(key == "command_id")
         cmd.id = text;
      if(key == "action")
         cmd.action = text;
      if(key == "symbol")
         cmd.symbol = text;
      if(key == "side")
         cmd.side = text;
      if(key == "comment")
         cmd.comment = text;
      if(key == "lots")
         cmd.lots = number;
      if(key == "sl")
         cmd.sl = number;
      if(key == "tp")
         cmd.tp = number;
      ushort next = UnifyJsonPeek(json, pos);
      pos++;
      if(next == '}')
         return true;
      if(next != ',')
         return false;
     }
   return false;
  }

// Reads {"commands":[...]} or {"sealed":{"iv":…,"tag":…,"ct":…}}.
bool UnifyJsonAnswer(const string &json, UnifyCommand &commands[], bool &sealed, string &iv, string &tag, string &ct)
  {
   ArrayResize(commands, 0);
   sealed = false;
   int pos = 0;
   if(!UnifyJsonExpect(json, pos, '{'))
      return false;
   if(UnifyJsonPeek(json, pos) == '}')
      return true;
   while(true)
     {
      string key;
      if(!UnifyJsonReadString(json, pos, key) || !UnifyJsonExpect(json, pos, ':'))
         return false;
      if(key == "commands")
        {
         if(!UnifyJsonExpect(json, pos, '['))
            return false;
         if(UnifyJsonPeek(json, pos) == ']')
            pos++;
         else
            while(true)
              {
               UnifyCommand cmd;
               if(!UnifyJsonCommand(json, pos, cmd))
                  return false;
               int n = ArraySize(commands);
               ArrayResize(commands, n + 1);
               commands[n] = cmd;
               ushort next = UnifyJsonPeek(json, pos);
               pos++;
               if(next == ']')
                  break;
               if(next != ',')
                  return false;
              }
        }
      else
         if(key == "sealed")
           {
            sealed = true;
            if(!UnifyJsonExpect(json, pos, '{'))
               return false;
            while(true)
              {
               string field, value;
               if(!UnifyJsonReadString(json, pos, field) || !UnifyJsonExpect(json, pos, ':') || !UnifyJsonReadString(json, pos, value))
                  return false;
               if(field == "iv")
                  iv = value;
               if(field == "tag")
                  tag = value;
               if(field == "ct")
                  ct = value;
               ushort next = UnifyJsonPeek(json, pos);
               pos++;
               if(next == '}')
                  break;
               if(next != ',')
                  return false;
              }
           }
         else
            if(!UnifyJsonSkip(json, pos))
               return false;
      ushort after = UnifyJsonPeek(json, pos);
      pos++;
      if(after == '}')
         return true;
      if(after != ',')
         return false;
     }
   return false;
  }

#endif // UNIFY_JSON_MQH
