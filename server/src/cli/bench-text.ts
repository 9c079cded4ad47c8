/** Deterministic text for the benchmark's helpdesk: the same seed always makes the same data. */

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = ReturnType<typeof prng>;
export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
export const between = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英'];
const englishNames = ['Emily Carter', 'James Wilson', 'Olivia Brown', 'Liam Smith', 'Sophia Lee', 'Noah Davis', 'Mia Chen', 'Lucas Wang'];
const cities = ['北京', '上海', '深圳', '杭州', '成都', '武汉', '南京', '西安', '广州', '苏州'];
const industries = ['科技', '贸易', '电子', '物流', '网络', '制造', '医疗器械', '教育科技'];

export function personName(r: Rand): string {
  return r() < 0.08 ? pick(r, englishNames) : pick(r, surnames) + pick(r, givenNames);
}

export function companyName(r: Rand, i: number): string {
  return `${pick(r, cities)}${pick(r, ['华信', '明德', '蓝海', '清风', '远航', '星辰', '天成', '众合', '恒通', '新元'])}${pick(r, industries)}有限公司 ${i}`;
}

type Topic = { tag: string; subjects: string[]; openings: string[]; replies: string[]; group: number };

const topics: Topic[] = [
  {
    tag: '退款',
    group: 1,
    subjects: ['申请退款', '重复扣费，要求退款', '退款什么时候到账？', 'Refund request for order {order}', '取消订单并退款'],
    openings: ['你好，订单 {order} 被重复扣费了，请帮忙退款。', '我在 {date} 申请的退款一直没有到账，订单号 {order}。', 'Hi, I was charged twice for order {order}. Please refund the duplicate payment.'],
    replies: ['您好，已为您提交退款申请，预计 3 个工作日内原路退回。', '退款已处理，请留意银行到账通知。', 'We have issued the refund; it should arrive within 5 business days.'],
  },
  {
    tag: '发票',
    group: 1,
    subjects: ['增值税专用发票开错抬头', '申请开具发票', '发票什么时候寄出？', 'Invoice needed for our accounting', '电子发票下载失败'],
    openings: ['麻烦开具增值税专用发票，抬头为 {company}，税号已在附件。', '上个月的发票还没收到，订单 {order}。', 'Could you send an English invoice for order {order}?'],
    replies: ['您好，发票已开具，快递单号 SF{order}。', '电子发票已发送到您的邮箱，请查收。', 'The invoice has been emailed to you.'],
  },
  {
    tag: '登录',
    group: 2,
    subjects: ['无法登录账号', '收不到验证码', '密码重置邮件没收到', 'Cannot log in after password change', '账号被锁定'],
    openings: ['输入正确的密码后仍提示无法登录，已经试了很多次。', '手机收不到短信验证码，换了号码怎么办？', 'I changed my password yesterday and now I cannot log in at all.'],
    replies: ['您好，已为您解锁账号，请使用找回密码功能重新设置。', '请确认手机号是否更新，我们已重新发送验证码。', 'Your account is unlocked; please reset your password from the sign-in page.'],
  },
  {
    tag: '物流',
    group: 1,
    subjects: ['快递一直没到', '物流信息不更新', '收到的商品破损', 'Where is my parcel?', '要求更换收货地址'],
    openings: ['订单 {order} 下单一周了，物流停在已揽收。', '收到的包裹外箱破损，里面的设备有划痕。', 'My parcel for order {order} has not moved for five days.'],
    replies: ['您好，已联系快递加急处理，预计明天送达。', '非常抱歉，我们会为您补发新的商品。', 'We have asked the courier to investigate and will update you tomorrow.'],
  },
  {
    tag: '维修',
    group: 3,
    subjects: ['设备无法开机，申请维修', '上门安装预约', '保修期内免费维修吗？', 'Device keeps restarting', '维修进度查询'],
    openings: ['设备 {order} 昨天开始无法开机，指示灯不亮。', '想预约 {date} 上门安装，地址在{city}。', 'The device restarts every few minutes since the last update.'],
    replies: ['您好，已为您安排工程师上门检修。', '设备在保修期内，维修免费。', 'Please send us the serial number and we will arrange a repair.'],
  },
  {
    tag: '咨询',
    group: 0,
    subjects: ['企业版价格咨询', '试用期能否延长？', '是否支持私有化部署？', 'Do you offer an API?', '批量导出功能咨询'],
    openings: ['我们公司有 50 个客服，想了解企业版的报价。', '试用还有三天到期，能否延长两周？', 'We would like to integrate with your API; is there documentation?'],
    replies: ['您好，已将报价单发送到您的邮箱。', '已为您延长试用期至月底。', 'Yes, the API documentation is at /api/docs.'],
  },
];

export function topic(r: Rand): Topic {
  return pick(r, topics);
}

export function fill(r: Rand, template: string, vars: { company: string }): string {
  return template
    .replace('{order}', String(20_000_000 + Math.floor(r() * 9_000_000)))
    .replace('{date}', `${between(r, 1, 12)}月${between(r, 1, 28)}日`)
    .replace('{city}', pick(r, cities))
    .replace('{company}', vars.company);
}

export const followUps = ['请问处理进度如何？', '好的，谢谢！', '还是不行，能再看看吗？', 'Thanks, that solved it.', '已经按照您说的操作了。', '麻烦尽快处理，比较着急。'];
export const notes = ['已转交财务确认。', '客户是 VIP，优先处理。', '需要二线技术支持协助。', 'Escalated to tier 2.'];
