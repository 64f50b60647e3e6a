/** Sends one alert; resolves when delivered, rejects to have it retried. */
export type Send = (payload: string) => Promise<void>;

export interface AlertPolicy {
  /** Alerts delivered per minute at most; the rest wait their turn. */
  perMinute: number;
  /** Tries per alert, the first included. */
  attempts: number;
  /** First retry delay; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Alerts waiting at most; beyond, the oldest are dropped (and counted). */
  capacity: number;
}

export const DEFAULT_POLICY: AlertPolicy = {
  perMinute: 30,
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  capacity: 1_000,
};

export interface AlertStats {
  sent: number;
  failed: number;
  dropped: number;
}

/**
 * One alert channel (a command, a webhook): a bounded queue drained at most `perMinute` a minute,
 * one delivery at a time, each retried with exponential back-off. A flood of findings or a dead
 * endpoint costs bounded memory and never slows the receivers.
 */
export class AlertQueue {
  readonly stats: AlertStats = { sent: 0, failed: 0, dropped: 0 };
  private readonly waiting: string[] = [];
  private readonly sentAt: number[] = [];
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private idle: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;

  constructor(
    private readonly send: Send,
    private readonly policy: AlertPolicy = DEFAULT_POLICY,
  ) {}

  push(payload: string): void {
    if (this.stopped) {
      this.stats.dropped++;
      return;
    }
    this.waiting.push(payload);
    if (this.waiting.length > this.policy.capacity) {
      this.waiting.shift();
      this.stats.dropped++;
    }
    if (!this.running) this.idle = this.run();
  }

  /** Resolves once everything queued has been delivered or given up (a clean stop waits a little for it). */
  drained(): Promise<void> {
    return this.idle;
  }

  /** Gives up what is still waiting (a stop that cannot wait longer). */
  stop(): void {
    this.stopped = true;
    this.stats.dropped += this.waiting.splice(0).length;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let payload = this.waiting.shift(); payload !== undefined; payload = this.waiting.shift()) {
        await this.pause(this.rateDelay());
        if (this.stopped) {
          this.stats.dropped++;
          return;
        }
        await this.deliver(payload);
      }
    } finally {
      this.running = false;
    }
  }

  private async deliver(payload: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.sentAt.push(Date.now());
        await this.send(payload);
        this.stats.sent++;
        return;
      } catch {
        if (attempt >= this.policy.attempts || this.stopped) {
          this.stats.failed++;
          return;
        }
        await this.pause(Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  /** How long until one more delivery fits in the last minute's budget. */
  private rateDelay(): number {
    const now = Date.now();
    while (this.sentAt.length > 0 && now - this.sentAt[0]! >= 60_000) this.sentAt.shift();
    if (this.sentAt.length < this.policy.perMinute) return 0;
    return 60_000 - (now - this.sentAt[0]!);
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      this.timer.unref();
    });
  }
}
