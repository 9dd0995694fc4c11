/**
 * At most `limit` tasks running at once: `add` waits for a free slot, then starts the task and
 * returns; the first failure is raised by the next `add` or by `drain`.
 */
export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.raiseFailure();
    const promise = task().then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise));
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.raiseFailure();
  }

  private raiseFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
