/**
 * The syslog transport header of one received message (RFC 5424, RFC 3164 as devices and relays
 * really send it): the host it names and the message the device wrote. What the device itself put
 * before its message (sequence numbers, Cisco timestamps) stays for the read stage.
 */
export interface SyslogMessage {
  host?: string;
  app?: string;
  msg: string;
}

const PRI = /^<(\d{1,3})>/;
const RFC5424 = /^1 (\S+) ([!-~]{1,255}) ([!-~]{1,48}) \S+ \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: |$)/;
/** RFC 3164 timestamp (`Nov 23 08:41:10`), Cisco's with a year, or RFC 3339 (rsyslog's forward format). */
const TIMESTAMP =
  /^(?:[*.]?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2}(?: \d{4})? \d{1,2}:\d\d:\d\d(?:\.\d{1,6})?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)?)/;
const ZONE = /^ (?:(?:UTC|GMT|CES?T|EE?S?T|[ECMP][SD]T) )?/;
const HOST = /^([A-Za-z0-9][A-Za-z0-9._:-]{0,254}?)(?: : | :$| )/;
const TAG = /^([A-Za-z][\w./-]{0,47})(?:\[\d{1,10}\])?: ?/;
/** Words that start a Cisco message and look like a program tag: they are the message, not a tag. */
const MESSAGE_WORDS = /^(?:ISAKMP|IPSEC|IKE|CRYPTO|crypto_|OAK_|IKEv\d|Group|IP|return)/;
const UTF8_BOM = '\ufeff';

export function parseSyslog(text: string): SyslogMessage {
  const pri = PRI.exec(text);
  if (!pri || Number(pri[1]) > 191) return { msg: text };
  let rest = text.slice(pri[0].length);
  const structured = RFC5424.exec(rest);
  if (structured) {
    const out: SyslogMessage = { msg: stripBom(rest.slice(structured[0].length)) };
    if (structured[2] !== '-') out.host = structured[2]!;
    if (structured[3] !== '-') out.app = structured[3]!;
    return out;
  }
  const time = TIMESTAMP.exec(rest);
  // No timestamp right after <PRI>: IOS's own format (`<189>311: *Nov 23 …`) names no host.
  if (!time) return { msg: rest };
  rest = rest.slice(time[0].length);
  if (rest.startsWith(':')) return { msg: rest.replace(/^: ?/, '') };
  rest = rest.replace(ZONE, '');
  const host = HOST.exec(rest);
  if (!host || host[1]!.endsWith(':')) return { msg: rest };
  const out: SyslogMessage = { host: host[1]!, msg: rest.slice(host[0].length) };
  const tag = TAG.exec(out.msg);
  if (tag && !MESSAGE_WORDS.test(tag[1]!) && !/^\d/.test(out.msg)) {
    out.app = tag[1]!;
    out.msg = out.msg.slice(tag[0].length);
  }
  return out;
}

function stripBom(s: string): string {
  return s.startsWith(UTF8_BOM) ? s.slice(1) : s;
}
