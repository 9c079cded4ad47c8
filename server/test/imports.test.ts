import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, createTestApp, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'imports');
});
afterAll(async () => {
  await t.close();
});

const csv = (text: string): [string, Record<string, string>] => [text, { 'content-type': 'text/csv; charset=utf-8' }];

async function userCount(): Promise<number> {
  return (await desk.owner.get('/api/v2/users?per_page=1')).json<{ count: number }>().count;
}

describe('CSV import', () => {
  it('imports organizations, then users mapped into them, with Chinese headers and a BOM', async () => {
    const orgs = await desk.owner.request(
      'POST',
      '/api/v2/imports/organizations',
      ...csv('\uFEFF名称,域名,共享工单,标签\n北京华信科技有限公司,huaxin-tech.cn,是,vip 企业版\n上海明德贸易有限公司,"mingde.cn, mingde-trade.cn",否,\n'),
    );
    expect(orgs.statusCode).toBe(201);
    expect(orgs.json<{ import: { count: number } }>().import.count).toBe(2);

    const users = await desk.owner.request(
      'POST',
      '/api/v2/imports/users',
      ...csv('姓名,邮箱,角色,电话,组织,标签\n孙丽,sunli@huaxin-tech.cn,客户,138 1000 2001,,管理员\n吴静,wujing@example.com,end-user,,上海明德贸易有限公司,\n'),
    );
    expect(users.statusCode).toBe(201);
    const rows = users.json<{ import: { rows: { line: number; id: number }[] } }>().import.rows;
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    const sunli = (await desk.owner.get(`/api/v2/users/${rows[0]?.id}`)).json<{ user: { organization_id: number; tags: string[]; phone: string } }>().user;
    expect(sunli.organization_id).not.toBeNull();
    expect(sunli.tags).toEqual(['管理员']);
    expect(sunli.phone).toBe('138 1000 2001');
    expect(t.sent).toHaveLength(0);
  });

  it('imports nothing when any row is bad, and reports every problem by line and column', async () => {
    const before = await userCount();
    const res = await desk.owner.request(
      'POST',
      '/api/v2/imports/users',
      ...csv(
        [
          'name,email,role,organization,time_zone',
          '好人,good@example.com,end-user,,Asia/Shanghai',
          ',noname@example.com,end-user,,',
          '坏邮箱,not-an-email,end-user,,',
          '重复,good@example.com,end-user,,',
          '已存在,sunli@huaxin-tech.cn,end-user,,',
          '无组织,noorg@example.com,end-user,不存在的公司,',
          '怪角色,role@example.com,boss,,',
          '时区,tz@example.com,end-user,,Mars/Olympus',
        ].join('\n'),
      ),
    );
    expect(res.statusCode).toBe(422);
    const body = res.json<{ description: string; details: Record<string, { error: string }[]> }>();
    expect(body.description).toContain('7 of 8 rows');
    expect(Object.keys(body.details).sort()).toEqual(
      ['rows.3.name', 'rows.4.email', 'rows.5.email', 'rows.6.email', 'rows.7.organization', 'rows.8.role', 'rows.9.time_zone'].sort(),
    );
    expect(body.details['rows.5.email']?.[0]?.error).toBe('DuplicateValue');
    expect(await userCount()).toBe(before);
  });

  it('reads a GB18030 file as Excel in China saves it', async () => {
    const gbk = Buffer.from([
      // "姓名,邮箱\n郑浩,zhenghao@example.com\n" in GB18030
      ...[0xd0, 0xd5, 0xc3, 0xfb], 0x2c, ...[0xd3, 0xca, 0xcf, 0xe4], 0x0a,
      ...[0xd6, 0xa3, 0xba, 0xc6], 0x2c, ...Buffer.from('zhenghao@example.com\n'),
    ]);
    const res = await desk.owner.request('POST', '/api/v2/imports/users', gbk, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ import: { rows: { id: number }[] } }>().import.rows[0]?.id;
    expect((await desk.owner.get(`/api/v2/users/${id}`)).json<{ user: { name: string } }>().user.name).toBe('郑浩');
  });

  it('refuses unknown columns, empty files, other content types and people who may not import', async () => {
    const unknown = await desk.owner.request('POST', '/api/v2/imports/users', ...csv('name,shoe_size\nx,42\n'));
    expect(unknown.statusCode).toBe(422);
    expect(Object.keys(unknown.json<{ details: object }>().details)).toEqual(['header']);
    expect((await desk.owner.request('POST', '/api/v2/imports/users', ...csv('name,email\n'))).statusCode).toBe(422);
    expect((await desk.owner.request('POST', '/api/v2/imports/users', ...csv('name,email\n"unclosed,x\n'))).statusCode).toBe(422);
    expect((await desk.owner.post('/api/v2/imports/users', { name: 'x' })).statusCode).toBe(415);
    const agentCreate = await desk.owner.post('/api/v2/users', { user: { name: '客服', email: 'light@example.com', role: 'agent', password: 'agent-password-1' } });
    expect(agentCreate.statusCode).toBe(201);
    const agent = desk.anonymous.as({ kind: 'basic', email: 'light@example.com', password: 'agent-password-1' });
    const res = await agent.request('POST', '/api/v2/imports/users', ...csv('name,email,role\n新管理员,newadmin@example.com,admin\n'));
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json<{ details: object }>().details)).toEqual(['rows.2.role']);
  });
});
