import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Input } from '../api.js';

/** Largest file the page reads; the server has its own limit and says so. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export async function readFiles(files: FileList | null | undefined): Promise<Input[]> {
  const out: Input[] = [];
  for (const f of Array.from(files ?? [])) {
    if (f.size > MAX_FILE_BYTES) continue;
    out.push({ name: f.name.slice(0, 200) || 'file', text: await f.text() });
  }
  return out;
}

/** A region that takes dropped files (keyboard users have the file picker next to it). */
export function FileDrop({
  onFiles,
  children,
}: {
  onFiles: (inputs: Input[]) => void;
  children: ComponentChildren;
}) {
  const [over, setOver] = useState(false);
  return (
    <div
      class={`drop${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void readFiles(e.dataTransfer?.files).then(onFiles);
      }}
    >
      {children}
    </div>
  );
}
