/**
 * Work that finishes after the answer is sent, such as email, kept track of so that a
 * shutdown can wait for it and a failure is reported instead of lost.
 * @module
 */

/** Runs tasks in the background and waits for them on request. */
export class BackgroundWork {
  readonly #pending = new Set<Promise<void>>();
  readonly #onError: (error: unknown, task: string) => void;

  /** @param onError Told about each task that failed, by the task's name. */
  constructor(onError: (error: unknown, task: string) => void = (): void => undefined) {
    this.#onError = onError;
  }

  /** Starts `work` now; its failure goes to `onError` under `task`. */
  run(task: string, work: () => Promise<unknown>): void {
    const running = Promise.resolve()
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => this.#onError(error, task),
      );
    this.#pending.add(running);
    void running.finally(() => this.#pending.delete(running));
  }

  /** Resolves once every task started so far, and any they started, has finished. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
