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
