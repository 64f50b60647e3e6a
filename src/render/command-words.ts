/**
 * Whether a remedy step is configuration to paste rather than prose. No Node imports: the web
 * workbench's bundle uses it too.
 */
export function isCommand(step: string): boolean {
  return /^(crypto|interface|ip|no|access-list|tunnel-group|group-policy|clear|show|ping|set|isakmp|nat|object|object-group|route|route-map|sysopt|vpngroup|!)(\s|$)/.test(
    step,
  );
}
