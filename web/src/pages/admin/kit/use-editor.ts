import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The record a section's dialog edits ('new' for a blank one) and the dialog's props: keyed per
 * record (each opening starts from that record's values), closed and the list refreshed on save.
 */
export function useEditor<T extends { id: number }>(refresh: () => unknown) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return {
    edit: setEditing,
    record: editing === 'new' ? null : editing,
    dialog: {
      key: editing === 'new' ? 'new' : (editing?.id ?? 'none'),
      open: editing !== null,
      onClose: () => setEditing(null),
      onSaved: () => {
        void message.success(t('admin.kit.saved'));
        setEditing(null);
        void refresh();
      },
    },
  };
}

/** A list's search box and page: a new search starts again at page 1. */
export function useSearchPage() {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const search = (q: string) => {
    setQuery(q);
    setPage(1);
  };
  return { query, page, setPage, search };
}
