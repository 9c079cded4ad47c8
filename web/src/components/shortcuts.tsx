import { Modal, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Handlers = Record<string, () => void>;

const typingIn = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'combobox');
};

/**
 * Single-key shortcuts for the console, ignored while the agent is typing in a field.
 * Keys are KeyboardEvent.key values ('j', '/', '?').
 */
export function useShortcuts(handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) {
        return;
      }
      const run = latest.current[e.key];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** The queue the agent last opened, so "next ticket" on a ticket page knows where to go. */
export const queue = {
  remember(ids: number[]): void {
    sessionStorage.setItem('kefu.queue', JSON.stringify(ids));
  },
  after(id: number, step: 1 | -1): number | null {
    const ids = JSON.parse(sessionStorage.getItem('kefu.queue') ?? '[]') as number[];
    const at = ids.indexOf(id);
    return at === -1 ? null : (ids[at + step] ?? null);
  },
};

const keys = [
  ['?', 'help'],
  ['/', 'search'],
  ['j / k', 'move'],
  ['Enter', 'open'],
  ['r', 'reply'],
  ['n', 'note'],
  ['m', 'macro'],
  ['Ctrl + Enter', 'submit'],
] as const;

/** "?" anywhere in the console lists the shortcuts. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useShortcuts({ '?': () => setOpen(true), '/': () => document.querySelector<HTMLInputElement>('[data-shortcut="search"] input, input[data-shortcut="search"]')?.focus() });
  return (
    <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('shortcuts.title')}>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r.key}
        dataSource={keys.map(([key, what]) => ({ key, what }))}
        columns={[
          { title: t('shortcuts.key'), width: 140, render: (_: unknown, r) => <Typography.Text keyboard>{r.key}</Typography.Text> },
          { title: t('shortcuts.action'), render: (_: unknown, r) => t(`shortcuts.${r.what}`) },
        ]}
      />
    </Modal>
  );
}
