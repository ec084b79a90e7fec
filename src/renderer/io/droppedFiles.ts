/** A file the user gave us, with its path inside what was dropped or picked ('models/tex/a.png'). */
export interface PickedFile {
  path: string;
  file: File;
}

/**
 * Every file in a drop, folders included (walked with webkitGetAsEntry, as the three.js editor does),
 * with paths relative to the drop so an OBJ finds 'textures/wood.png' beside it. Entries must be
 * taken synchronously inside the drop event, so call this before any `await`.
 */
export function droppedFiles(dataTransfer: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  const loose: PickedFile[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push({ path: file.name, file });
    }
  }
  if (entries.length === 0 && loose.length === 0) {
    for (const file of Array.from(dataTransfer.files)) loose.push({ path: file.name, file });
  }
  return Promise.all(entries.map((e) => walk(e, ''))).then((lists) => [...loose, ...lists.flat()]);
}

async function walk(entry: FileSystemEntry, prefix: string): Promise<PickedFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    return [{ path: prefix + entry.name, file }];
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const lists = await Promise.all(children.map((c) => walk(c, `${prefix}${entry.name}/`)));
  return lists.flat();
}

/** Files from an <input type=file> (webkitdirectory inputs carry the folder in webkitRelativePath). */
export function inputFiles(list: FileList): PickedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}
