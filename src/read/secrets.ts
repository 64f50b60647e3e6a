/**
 * Pre-shared keys must never be echoed: a pasted configuration line that carries one is masked as
 * soon as it is read, so no output (evidence, annotate, JSON) can show it.
 */
const SECRET_LINE =
  /^(\s*(?:crypto isakmp key|crypto keyring \S+\s+pre-shared-key|isakmp key|pre-shared-key(?: address \S+(?: \S+)?)? key|ikev1 pre-shared-key|ikev2 (?:local|remote)-authentication pre-shared-key|pre-shared-key|key|password)\s+(?:\d\s+)?)(\S+)(.*)$/i;

export function maskSecrets(line: string): string {
  if (!/key|password/i.test(line)) return line;
  const m = SECRET_LINE.exec(line);
  if (!m) return line;
  const value = m[2] ?? '';
  if (/^(address|hostname|\*+|<.*>)$/i.test(value)) return line;
  return `${m[1]}*****${m[3] ?? ''}`;
}
