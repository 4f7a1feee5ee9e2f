import type { StreamlensApi } from '../../shared/api.ts';
import type { Snapshot, SourceSnapshot } from '../../shared/snapshot.ts';

/*
 * An engine stand-in for testing the dashboard's state in Node: the tests push snapshots and
 * source states as the engine would, and decide how start/stop answer.
 */
export class ApiStandIn implements StreamlensApi {
  private snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  private sourceListeners = new Set<(source: SourceSnapshot) => void>();
  /** What `getSnapshot` answers. */
  current: Snapshot | undefined;
  /** How `startSource`/`stopSource` answer; by default they succeed with the given state. */
  answer: (verb: 'start' | 'stop', id: string) => Promise<SourceSnapshot> = async (verb, id) => ({
    id,
    plugin: 'synthetic',
    state: verb === 'start' ? 'running' : 'stopped',
    counters: {},
  });

  push(snapshot: Snapshot): void {
    this.snapshotListeners.forEach((listen) => listen(snapshot));
  }

  pushSource(source: SourceSnapshot): void {
    this.sourceListeners.forEach((listen) => listen(source));
  }

  get listenerCount(): number {
    return this.snapshotListeners.size + this.sourceListeners.size;
  }

  getSnapshot = async () => {
    if (!this.current) throw new Error('no snapshot yet');
    return this.current;
  };
  listSources = async () => this.current?.sources ?? [];
  startSource = (id: string) => this.answer('start', id);
  stopSource = (id: string) => this.answer('stop', id);
  getConfig = async () => ({ text: '' });
  validateConfig = async () => ({ ok: true, errors: [] });
  applyConfig = async () => ({ text: '' });
  onSnapshot = (listener: (snapshot: Snapshot) => void) => {
    this.snapshotListeners.add(listener);
    return () => void this.snapshotListeners.delete(listener);
  };
  onSourceState = (listener: (source: SourceSnapshot) => void) => {
    this.sourceListeners.add(listener);
    return () => void this.sourceListeners.delete(listener);
  };
  onLog = () => () => {};
}
