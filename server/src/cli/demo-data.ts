/** A realistic Chinese helpdesk: a SaaS company's support team and its customers. */
export const demoAccount = { name: '云帆科技客服中心', subdomain: 'demo' };

export const demoOwner = { name: '陈建国', email: 'owner@demo.kefu.test' };

export const demoGroups = [
  { name: '售前咨询', description: '产品咨询、报价与试用' },
  { name: '售后支持', description: '订单、发票、退换货' },
  { name: '技术支持', description: '故障排查、接口与集成问题' },
];

export const demoAgents: { name: string; email: string; role: 'agent' | 'admin'; groups: string[] }[] = [
  { name: '王芳', email: 'wangfang@demo.kefu.test', role: 'admin', groups: ['售后支持', '技术支持'] },
  { name: '张伟', email: 'zhangwei@demo.kefu.test', role: 'agent', groups: ['售前咨询'] },
  { name: '李娜', email: 'lina@demo.kefu.test', role: 'agent', groups: ['售后支持'] },
  { name: '刘洋', email: 'liuyang@demo.kefu.test', role: 'agent', groups: ['技术支持'] },
  { name: '赵敏', email: 'zhaomin@demo.kefu.test', role: 'agent', groups: ['技术支持', '售前咨询'] },
];

export const demoOrganizations = [
  { name: '北京华信科技有限公司', domain_names: ['huaxin-tech.cn'], shared_tickets: true, tags: ['vip', '企业版'] },
  { name: '上海明德贸易有限公司', domain_names: ['mingde-trade.cn'], shared_tickets: false, tags: ['标准版'] },
  { name: '深圳蓝海电子股份有限公司', domain_names: ['lanhai-e.com'], shared_tickets: true, tags: ['企业版'] },
  { name: '杭州清风网络科技有限公司', domain_names: ['qingfeng.net.cn'], shared_tickets: false, tags: ['试用'] },
];

export const demoCustomers: { name: string; email: string; phone?: string; tags?: string[] }[] = [
  { name: '孙丽', email: 'sunli@huaxin-tech.cn', phone: '138 1000 2001', tags: ['管理员'] },
  { name: '周强', email: 'zhouqiang@huaxin-tech.cn', phone: '139 1000 2002' },
  { name: '吴静', email: 'wujing@mingde-trade.cn', phone: '136 2100 3003' },
  { name: '郑浩', email: 'zhenghao@mingde-trade.cn' },
  { name: '冯雪', email: 'fengxue@lanhai-e.com', phone: '137 5500 4004', tags: ['技术负责人'] },
  { name: '何磊', email: 'helei@lanhai-e.com' },
  { name: '许婷', email: 'xuting@qingfeng.net.cn', phone: '135 7100 5005' },
  { name: '马超', email: 'machao@qingfeng.net.cn' },
  { name: '林晓', email: 'linxiao@example.com', phone: '186 0000 6006', tags: ['个人用户'] },
  { name: '高远', email: 'gaoyuan@example.org' },
  { name: 'Emily Carter', email: 'emily.carter@example.com', tags: ['海外'] },
  { name: '黄敏', email: 'huangmin@163.example.com', phone: '150 1234 7007' },
];

/** Demo conversations: who asked, what, and how the team answered. */
export const demoTickets: {
  requester: string;
  subject: string;
  body: string;
  group: string;
  assignee?: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  tags?: string[];
  replies?: { from: 'agent' | 'requester' | 'note'; body: string }[];
  status?: 'open' | 'pending' | 'hold' | 'solved';
}[] = [
  {
    requester: 'sunli@huaxin-tech.cn',
    subject: '申请退款：重复扣费',
    body: '你好，我们公司本月的企业版续费被扣了两次，订单号 20261101-8842，请帮忙退回多扣的一笔。',
    group: '售后支持',
    assignee: 'lina@demo.kefu.test',
    priority: 'high',
    tags: ['退款', 'vip'],
    replies: [
      { from: 'agent', body: '孙女士您好，已核实确实重复扣费，退款已提交财务，预计 3 个工作日内原路退回。' },
      { from: 'note', body: '财务工单 FIN-2231，已加急。' },
    ],
    status: 'pending',
  },
  {
    requester: 'wujing@mingde-trade.cn',
    subject: '增值税专用发票开错抬头',
    body: '收到的专票抬头写成了“上海明德贸易公司”，少了“有限”二字，麻烦重开。',
    group: '售后支持',
    assignee: 'lina@demo.kefu.test',
    tags: ['发票'],
    replies: [
      { from: 'agent', body: '吴女士您好，请将原发票寄回，我们收到后 2 个工作日内重开并快递给您。' },
      { from: 'requester', body: '已经寄出，顺丰单号 SF1234567890。' },
    ],
    status: 'open',
  },
  {
    requester: 'fengxue@lanhai-e.com',
    subject: 'API 调用返回 401，无法登录',
    body: 'We upgraded our integration yesterday and every API call now returns 401. 使用的是 email/token 方式认证。',
    group: '技术支持',
    assignee: 'liuyang@demo.kefu.test',
    priority: 'urgent',
    tags: ['api', '登录'],
    replies: [{ from: 'agent', body: '冯工您好，请确认 Authorization 头是否为 Basic base64(email/token:TOKEN)，旧令牌已在升级时撤销。' }],
    status: 'open',
  },
  {
    requester: 'xuting@qingfeng.net.cn',
    subject: '试用版能否延长两周？',
    body: '我们还在评估，能否把试用期延长到月底？',
    group: '售前咨询',
    assignee: 'zhangwei@demo.kefu.test',
    tags: ['试用'],
    replies: [{ from: 'agent', body: '许女士您好，已为贵公司延长试用至 12 月 31 日，如需演示可随时预约。' }],
    status: 'solved',
  },
  { requester: 'linxiao@example.com', subject: '快递一直没到', body: '下单一周了，物流信息停在“已揽收”。', group: '售后支持', tags: ['物流'] },
  { requester: 'gaoyuan@example.org', subject: '忘记密码，收不到验证码', body: '手机号换了，收不到短信验证码，怎么找回账号？', group: '技术支持', tags: ['登录'] },
  { requester: 'emily.carter@example.com', subject: 'Invoice in English for our head office', body: 'Could you issue the November invoice in English? Our accounting team is in London.', group: '售后支持', tags: ['发票'] },
  { requester: 'zhouqiang@huaxin-tech.cn', subject: '希望增加批量导出工单的功能', body: '我们每月要做报表，能否支持按视图导出 Excel？', group: '售前咨询', priority: 'low' },
];
