/**
 * The rules the create scenario runs with — 20 active triggers, 3 SLA policies and
 * routing on — set up through the API on the seeded helpdesk (once: they are found again by
 * title on a reused database), and the 200-trigger evaluation measurement.
 */
type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export function apiClient(base: string, token: string): Api {
  return async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) {
      throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    }
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
}

type Condition = { field: string; operator: string; value: string };
type Trigger = { id: number; title: string; active: boolean };
const PREFIX = '基准规则';

const keywordTags: [string, string][] = [
  ['发票', 'invoice'],
  ['登录', 'login'],
  ['物流', 'delivery'],
  ['维修', 'repair'],
  ['invoice', 'invoice'],
  ['login', 'login'],
  ['delivery', 'delivery'],
  ['repair', 'repair'],
  ['密码', 'password'],
  ['会员', 'membership'],
  ['优惠券', 'coupon'],
  ['投诉', 'complaint'],
];

/** A realistic mix: most triggers test words and tags that a given ticket does not have. */
function benchTrigger(n: number, groupIds: number[]): { title: string; conditions: { all: Condition[]; any: Condition[] }; actions: { field: string; value: unknown }[] } {
  const group = String(groupIds[n % groupIds.length]);
  if (n === 0) {
    return {
      title: `${PREFIX} ${n}: 退款进财务组`,
      conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'subject_includes_word', operator: 'includes', value: '退款 refund' }], any: [] },
      actions: [{ field: 'group_id', value: group }, { field: 'current_tags', value: 'refund' }],
    };
  }
  if (n === 1) {
    return {
      title: `${PREFIX} ${n}: 新工单按组分配`,
      conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'group_id', operator: 'is_not', value: '' }, { field: 'assignee_id', operator: 'is', value: '' }], any: [] },
      actions: [{ field: 'route', value: 'group' }],
    };
  }
  if (n === 2) {
    return {
      title: `${PREFIX} ${n}: 紧急字样提优先级`,
      conditions: { all: [{ field: 'comment_includes_word', operator: 'includes', value: '紧急 urgent' }], any: [] },
      actions: [{ field: 'priority', value: 'urgent' }],
    };
  }
  const [word, tag] = keywordTags[n % keywordTags.length] ?? ['发票', 'invoice'];
  return {
    title: `${PREFIX} ${n}: “${word}” 加标签 ${tag}`,
    conditions: {
      all: [{ field: 'subject_includes_word', operator: 'includes', value: word }, { field: 'current_tags', operator: 'not_includes', value: `${tag}_${n}` }],
      any: [{ field: 'status', operator: 'is', value: 'new' }, { field: 'priority', operator: 'is', value: 'high' }, { field: 'group_id', operator: 'is', value: group }],
    },
    actions: [{ field: 'current_tags', value: `${tag}_${n}` }],
  };
}

async function activeTriggers(api: Api): Promise<Trigger[]> {
  const found: Trigger[] = [];
  for (let page = 1; page < 50; page++) {
    const body = await api<{ triggers: Trigger[]; next_page: string | null }>('GET', `/api/v2/triggers?active=true&per_page=100&page=${page}`);
    found.push(...body.triggers);
    if (!body.next_page) {
      break;
    }
  }
  return found;
}

async function groupIds(api: Api): Promise<number[]> {
  return (await api<{ groups: { id: number }[] }>('GET', '/api/v2/groups?per_page=100')).groups.map((g) => g.id);
}

/** Brings the helpdesk to exactly `count` active triggers, adding or removing the bench's own. */
async function setTriggerCount(api: Api, count: number): Promise<void> {
  const active = await activeTriggers(api);
  const ours = active.filter((t) => t.title.startsWith(PREFIX));
  const groups = await groupIds(api);
  const used = new Set(ours.map((t) => Number(/^\S+ (\d+):/.exec(t.title)?.[1])));
  let n = 0;
  for (let missing = count - active.length; missing > 0; missing--) {
    while (used.has(n)) {
      n++;
    }
    used.add(n);
    await api('POST', '/api/v2/triggers', { trigger: benchTrigger(n, groups) });
  }
  const extra = ours.sort((a, b) => b.id - a.id).slice(0, Math.max(0, active.length - count));
  for (const t of extra) {
    await api('DELETE', `/api/v2/triggers/${t.id}`);
  }
}

/** 20 active triggers, 3 SLA policies, least-open routing in every group with its agents online. */
export async function ensureBenchRules(api: Api): Promise<string> {
  await setTriggerCount(api, 20);
  const policies = (await api<{ sla_policies: { title: string }[] }>('GET', '/api/v2/slas/policies')).sla_policies;
  const wanted = [
    { title: `${PREFIX} SLA 紧急`, priorities: ['urgent', 'high'] as const, first: 30 },
    { title: `${PREFIX} SLA 普通`, priorities: ['normal'] as const, first: 240 },
    { title: `${PREFIX} SLA 低`, priorities: ['low'] as const, first: 1440 },
  ];
  for (const p of wanted.filter((w) => !policies.some((x) => x.title === w.title))) {
    await api('POST', '/api/v2/slas/policies', {
      sla_policy: {
        title: p.title,
        filter: { all: [{ field: 'status', operator: 'less_than', value: 'solved' }], any: p.priorities.map((value) => ({ field: 'priority', operator: 'is', value })) },
        policy_metrics: p.priorities.flatMap((priority) => [
          { priority, metric: 'first_reply_time', target: p.first, business_hours: false },
          { priority, metric: 'next_reply_time', target: p.first * 2, business_hours: false },
          { priority, metric: 'requester_wait_time', target: p.first * 8, business_hours: false },
        ]),
      },
    });
  }
  let online = 0;
  for (const groupId of await groupIds(api)) {
    await api('PUT', `/api/v2/routing/groups/${groupId}`, { group_routing: { mode: 'least_open', max_open: null } });
    const members = (await api<{ group_memberships: { user_id: number }[] }>('GET', `/api/v2/groups/${groupId}/memberships?per_page=100`)).group_memberships;
    for (const m of members) {
      await api('PUT', `/api/v2/routing/agents/${m.user_id}`, { agent_routing: { availability: 'online' } });
      online++;
    }
  }
  const count = (await activeTriggers(api)).length;
  return `${count} active triggers, ${wanted.length} SLA policies, least-open routing with ${online} agent memberships online`;
}

const serverTiming = (header: string | null, name: string): number | null => {
  const entry = header?.split(',').find((e) => e.trim().startsWith(`${name};`));
  const dur = entry ? /dur=([\d.]+)/.exec(entry)?.[1] : undefined;
  return dur === undefined ? null : Number(dur);
};

/**
 * With 200 active triggers, changes `changes` tickets one after another and reads how long
 * each spent running triggers from the server's `Server-Timing` header; then goes back to 20.
 */
export async function triggerEvaluation(api: Api, base: string, token: string, ticketIds: number[], changes = 400): Promise<{ p50: number; p95: number; p99: number; samples: number }> {
  await setTriggerCount(api, 200);
  const times: number[] = [];
  try {
    for (let i = 0; i < changes; i++) {
      const id = ticketIds[i % ticketIds.length];
      const res = await fetch(`${base}/api/v2/tickets/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ticket: { priority: i % 2 ? 'high' : 'normal', comment: { body: `内部备注 ${i}：已联系物流查询发票`, public: false } } }),
      });
      const ms = serverTiming(res.headers.get('server-timing'), 'triggers');
      await res.arrayBuffer();
      if (!res.ok || ms === null) {
        throw new Error(`PUT /tickets/${id}: HTTP ${res.status}, Server-Timing ${res.headers.get('server-timing')}`);
      }
      times.push(ms);
    }
  } finally {
    await setTriggerCount(api, 20);
  }
  const sorted = times.sort((a, b) => a - b);
  const at = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0).toFixed(2));
  return { p50: at(50), p95: at(95), p99: at(99), samples: sorted.length };
}
