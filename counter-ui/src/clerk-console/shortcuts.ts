/** The console's keyboard shortcuts: one table, used by the key handler and the help list. */
import type { MessageKey } from '../../../shared/src/i18n/messages.js';

export type ShortcutCommand =
  | 'callNext'
  | 'recall'
  | 'startOrComplete'
  | 'noShow'
  | 'return'
  | 'hold'
  | 'transfer';

export const SHORTCUTS: { key: string; command: ShortcutCommand; label: MessageKey }[] = [
  { key: 'F1', command: 'callNext', label: 'action.callNext' },
  { key: 'F2', command: 'recall', label: 'action.recall' },
  { key: 'Enter', command: 'startOrComplete', label: 'action.start' },
  { key: 'F4', command: 'noShow', label: 'action.noShow' },
  { key: 'F6', command: 'return', label: 'action.return' },
  { key: 'F7', command: 'hold', label: 'action.hold' },
  { key: 'F8', command: 'transfer', label: 'action.transfer' },
];

/** The command for a key press, unless the person is typing in a field (Enter there submits the field's form). */
export function commandFor(event: KeyboardEvent): ShortcutCommand | null {
  const target = event.composedPath()[0] as HTMLElement | undefined;
  // Enter on a live control is that control's own (a focused button clicks, a field submits).
  const typing =
    target &&
    ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName) &&
    !(target as HTMLButtonElement).disabled;
  if (event.key === 'Enter' && typing) return null;
  return SHORTCUTS.find((s) => s.key === event.key)?.command ?? null;
}
