/**
 * Pre-shared keys must never be echoed: a pasted configuration line that carries one is masked as
 * soon as it is read, so no output (evidence, annotate, JSON) can show it.
 */
const SECRET_LINE =
  /^(\s*(?:crypto isakmp key|crypto keyring \S+\s+pre-shared-key|isakmp key|pre-shared-key(?: address \S+(?: \S+)?)? key|ikev1 pre-shared-key|ikev2 (?:local|remote)-authentication pre-shared-key|pre-shared-key|key|password)\s+(?:\d\s+)?)(\S+)(.*)$/i;

/** Secrets that can stand anywhere on a line: `username u password p`, `enable secret 5 …`, `key-string 7 …`. */
const INLINE_SECRET = /\b(password|secret|key-string)(\s+\d)?\s+(?!\*)(\S+)/gi;

export function maskSecrets(line: string): string {
  if (!/key|password|secret/i.test(line)) return line;
  let out = line.replace(
    INLINE_SECRET,
    (_all, word: string, type: string | undefined) => `${word}${type ?? ''} *****`,
  );
  const m = SECRET_LINE.exec(out);
  if (m && !/^(address|hostname|\*+|<.*>)$/i.test(m[2] ?? '')) out = `${m[1]}*****${m[3] ?? ''}`;
  return out;
}
