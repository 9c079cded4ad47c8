import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import { importColumns, type ImportKind } from './import-columns';

type RowError = { key: string; line: number; column: string; message: string };

/** Reads the server's report: `rows.<line>.<column>` per bad cell, `header` for unknown columns, `file` for a file it could not read. */
export function rowErrorsOf(error: ApiError): { rows: RowError[]; general: string[] } {
  const rows: RowError[] = [];
  const general: string[] = [];
  for (const [path, list] of Object.entries(error.details)) {
    const m = /^rows\.(\d+)\.(.+)$/.exec(path);
    for (const [i, item] of list.entries()) {
      if (m) {
        rows.push({ key: `${path}.${i}`, line: Number(m[1]), column: m[2] ?? '', message: item.description });
      } else {
        general.push(item.description);
      }
    }
  }
  rows.sort((a, b) => a.line - b.line || a.column.localeCompare(b.column));
  return { rows, general };
}

/** What went wrong, row by row, so the admin can fix the file and upload it again. Nothing was imported. */
export function ImportReport({ kind, error }: { kind: ImportKind; error: ApiError }) {
  const { t, i18n } = useTranslation();
  const { rows, general } = rowErrorsOf(error);
  const badRows = new Set(rows.map((r) => r.line)).size;
  const columnLabel = (key: string) => {
    const col = importColumns[kind].find((c) => c.key === key);
    return col && i18n.language.startsWith('zh') ? `${col.zh}（${key}）` : key;
  };
  return (
    <>
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={rows.length > 0 ? t('admin.people.import.rowsFailed', { count: badRows }) : t('admin.people.import.fileFailed')}
        description={
          <>
            {general.map((g) => (
              <div key={g}>{g}</div>
            ))}
            <div>{t('admin.people.import.nothingImported')}</div>
          </>
        }
      />
      {rows.length > 0 ? (
        <Table<RowError>
          size="small"
          rowKey="key"
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          columns={[
            { title: t('admin.people.import.line'), dataIndex: 'line', width: 90, render: (v: number) => t('admin.people.import.lineN', { line: v }) },
            { title: t('admin.people.import.column'), dataIndex: 'column', width: 200, render: (v: string) => <Typography.Text code>{columnLabel(v)}</Typography.Text> },
            { title: t('admin.people.import.problem'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </>
  );
}
