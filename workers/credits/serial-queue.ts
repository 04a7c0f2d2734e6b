/**
 * Runs tasks strictly one after another. A Durable Object's input gate opens whenever it awaits
 * D1 (or any fetch), so without this a second RPC call could start while the first waits on its
 * batch; the queue keeps each mutation's read-decide-write whole.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled; a failure does not stop the queue. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
