/**
 * The columns the CSV imports accept, English and Chinese header for each, as the server reads
 * them (server/src/modules/imports/users-import.ts and organizations-import.ts). The server also
 * takes a few more Chinese aliases; the template uses the first.
 */
export type ImportKind = 'users' | 'organizations';

type Column = { key: string; zh: string; example: { zh: string; en: string } };

export const importColumns: Record<ImportKind, Column[]> = {
  users: [
    { key: 'name', zh: '姓名', example: { zh: '张三', en: 'Zhang San' } },
    { key: 'email', zh: '邮箱', example: { zh: 'zhangsan@example.com', en: 'zhangsan@example.com' } },
    { key: 'role', zh: '角色', example: { zh: '客户', en: 'end-user' } },
    { key: 'phone', zh: '电话', example: { zh: '138 0000 0000', en: '138 0000 0000' } },
    { key: 'organization', zh: '组织', example: { zh: '', en: '' } },
    { key: 'external_id', zh: '外部编号', example: { zh: '', en: '' } },
    { key: 'tags', zh: '标签', example: { zh: 'vip', en: 'vip' } },
    { key: 'notes', zh: '备注', example: { zh: '', en: '' } },
    { key: 'details', zh: '详情', example: { zh: '', en: '' } },
    { key: 'locale', zh: '语言', example: { zh: 'zh-CN', en: 'zh-CN' } },
    { key: 'time_zone', zh: '时区', example: { zh: 'Asia/Shanghai', en: 'Asia/Shanghai' } },
  ],
  organizations: [
    { key: 'name', zh: '名称', example: { zh: '示例科技有限公司', en: 'Example Ltd' } },
    { key: 'domain_names', zh: '域名', example: { zh: 'example.com', en: 'example.com' } },
    { key: 'shared_tickets', zh: '共享工单', example: { zh: '否', en: 'false' } },
    { key: 'shared_comments', zh: '共享评论', example: { zh: '否', en: 'false' } },
    { key: 'tags', zh: '标签', example: { zh: 'vip', en: 'vip' } },
    { key: 'external_id', zh: '外部编号', example: { zh: '', en: '' } },
    { key: 'details', zh: '详情', example: { zh: '', en: '' } },
    { key: 'notes', zh: '备注', example: { zh: '', en: '' } },
  ],
};

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * A template CSV: header and one example row. UTF-8 with a BOM, so Excel on Chinese Windows
 * opens it as UTF-8 instead of guessing GBK.
 */
export function templateCsv(kind: ImportKind, headers: 'zh' | 'en'): Blob {
  const cols = importColumns[kind];
  const lines = [cols.map((c) => (headers === 'zh' ? c.zh : c.key)), cols.map((c) => c.example[headers])].map((row) => row.map(quote).join(','));
  return new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}
