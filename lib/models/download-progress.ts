function readField(target: unknown, key: string): unknown {
  return typeof target === 'object' && target !== null ? Reflect.get(target, key) : undefined;
}

/** Progress of a download across all of a model's files. */
export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** 0…1 */
  progress: number;
}

/**
 * Sums transformers.js `progress_callback` events (`{ status: 'progress', file, loaded, total }`) over files.
 * Returns the callback to pass and nothing else: the aggregate goes to `onProgress`.
 */
export function createProgressAggregator(onProgress: (progress: DownloadProgress) => void): (event: unknown) => void {
  const files = new Map<string, { loaded: number; total: number }>();
  return (event) => {
    const status = readField(event, 'status');
    const file = readField(event, 'file');
    if (typeof file !== 'string') return;
    if (status === 'progress') {
      const loaded = Number(readField(event, 'loaded'));
      const total = Number(readField(event, 'total'));
      files.set(file, {
        loaded: Number.isFinite(loaded) ? loaded : 0,
        total: Number.isFinite(total) ? total : 0,
      });
    } else if (status === 'done') {
      const current = files.get(file);
      if (current) files.set(file, { loaded: current.total || current.loaded, total: current.total });
    } else {
      return;
    }
    let loadedBytes = 0;
    let totalBytes = 0;
    for (const f of files.values()) {
      loadedBytes += f.loaded;
      totalBytes += Math.max(f.total, f.loaded);
    }
    onProgress({ loadedBytes, totalBytes, progress: totalBytes > 0 ? Math.min(1, loadedBytes / totalBytes) : 0 });
  };
}
