/** The learner's home as an ARIA tree, live with the session's file system. */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { basename, dirname } from '../../engine/fs/path';
import { Icon } from '../Icon';
import { useActions, useDockyard, useSession, useStrings } from '../context';
import { HOME, isValidName, listTree, type TreeRow } from './fileTree';

type Editing = { mode: 'file' | 'folder'; dir: string } | { mode: 'rename'; path: string };

export function FileTree() {
  const t = useStrings();
  const session = useSession();
  const actions = useActions();
  const { fsVersion, expandedList, showHidden, activeFile } = useDockyard((s) => ({
    fsVersion: s.fsVersion,
    expandedList: s.expanded,
    showHidden: s.showHidden,
    activeFile: s.activeFile,
  }));
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [name, setName] = useState('');
  const treeRef = useRef<HTMLUListElement>(null);

  const rows = useMemo(
    () => listTree(session.fs, HOME, { expanded: new Set(expandedList), showHidden }),
    // fsVersion is not read here, but the tree is read again after each change of the file system.
    [session, fsVersion, expandedList, showHidden],
  );
  const current = rows.find((r) => r.path === selected) ?? rows.find((r) => r.path === activeFile) ?? null;
  const focusIndex = current ? rows.indexOf(current) : 0;

  /** The folder new entries go into: the selected folder, or the selected file's folder. */
  const targetDir = (): string => (current ? (current.type === 'dir' ? current.path : dirname(current.path)) : HOME);

  const focusRow = (path: string) => {
    setSelected(path);
    queueMicrotask(() => treeRef.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)?.focus());
  };

  const activate = (row: TreeRow) => {
    setSelected(row.path);
    if (row.type === 'dir') actions.toggleExpanded(row.path);
    else actions.openFile(row.path);
  };

  const remove = (row: TreeRow) => {
    if (window.confirm(t.confirmDelete(row.name))) actions.deletePath(row.path);
  };

  const startEditing = (e: Editing) => {
    setEditing(e);
    setName(e.mode === 'rename' ? basename(e.path) : '');
  };

  const commit = () => {
    if (!editing) return;
    const n = name.trim();
    if (!n) return setEditing(null);
    if (!isValidName(n)) return actions.setFlash(t.invalidName);
    let ok: boolean;
    if (editing.mode === 'rename') {
      ok = actions.renamePath(editing.path, n);
      if (ok) setSelected(`${dirname(editing.path)}/${n}`);
    } else if (editing.mode === 'file') {
      ok = actions.createFile(editing.dir, n);
    } else {
      ok = actions.createFolder(editing.dir, n);
      if (ok) setSelected(`${editing.dir}/${n}`);
    }
    if (ok) setEditing(null);
  };

  const onKeyDown = (e: KeyboardEvent, row: TreeRow, i: number) => {
    const go = (j: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (r) focusRow(r.path);
    };
    switch (e.key) {
      case 'ArrowDown':
        go(i + 1);
        break;
      case 'ArrowUp':
        go(i - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.type === 'dir' && !row.expanded) actions.toggleExpanded(row.path, true);
        else if (row.expanded) go(i + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) actions.toggleExpanded(row.path, false);
        else if (row.level > 1) focusRow(dirname(row.path));
        break;
      case 'Enter':
      case ' ':
        activate(row);
        break;
      case 'F2':
        startEditing({ mode: 'rename', path: row.path });
        break;
      case 'Delete':
        remove(row);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const nameInput = (label: string) => (
    <input
      className="dy-name-input"
      aria-label={label}
      autoFocus
      value={name}
      onChange={(e) => setName(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        else if (e.key === 'Escape') setEditing(null);
        e.stopPropagation();
      }}
      onClick={(e) => e.stopPropagation()}
      onBlur={() => setEditing(null)}
    />
  );

  return (
    <div className="dy-files">
      <div className="dy-toolbar" role="toolbar" aria-label={t.files}>
        <button type="button" className="dy-icon-button" aria-label={t.newFile} title={t.newFile} onClick={() => startEditing({ mode: 'file', dir: targetDir() })}>
          <Icon name="newFile" />
        </button>
        <button type="button" className="dy-icon-button" aria-label={t.newFolder} title={t.newFolder} onClick={() => startEditing({ mode: 'folder', dir: targetDir() })}>
          <Icon name="newFolder" />
        </button>
        <button type="button" className="dy-icon-button" aria-label={t.rename} title={t.rename} disabled={!current} onClick={() => current && startEditing({ mode: 'rename', path: current.path })}>
          <Icon name="rename" />
        </button>
        <button type="button" className="dy-icon-button" aria-label={t.delete} title={t.delete} disabled={!current} onClick={() => current && remove(current)}>
          <Icon name="trash" />
        </button>
        <button type="button" className="dy-icon-button" aria-pressed={showHidden} aria-label={t.showHidden} title={showHidden ? t.hideHidden : t.showHidden} onClick={actions.toggleHidden}>
          <Icon name="hidden" />
        </button>
      </div>
      {editing && editing.mode !== 'rename' && (
        <div className="dy-new-entry">{nameInput(editing.mode === 'file' ? t.promptNewFile : t.promptNewFolder)}</div>
      )}
      <ul className="dy-tree" role="tree" aria-label={t.files} ref={treeRef}>
        {rows.map((row, i) => (
          <li
            key={row.path}
            role="treeitem"
            data-path={row.path}
            aria-level={row.level}
            aria-setsize={row.setSize}
            aria-posinset={row.pos}
            aria-expanded={row.type === 'dir' ? row.expanded : undefined}
            aria-selected={row.path === (current?.path ?? null)}
            tabIndex={i === focusIndex ? 0 : -1}
            className={`dy-tree-row${row.path === activeFile ? ' dy-tree-active' : ''}`}
            style={{ paddingLeft: `${(row.level - 1) * 14 + 6}px` }}
            onClick={() => activate(row)}
            onKeyDown={(e) => onKeyDown(e, row, i)}
          >
            <span className="dy-tree-icon" aria-hidden="true">
              {row.type === 'dir' ? (row.expanded ? '▾' : '▸') : ' '}
            </span>
            {editing?.mode === 'rename' && editing.path === row.path ? nameInput(t.promptRename(row.name)) : <span className="dy-tree-name">{row.name}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
