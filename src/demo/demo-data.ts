// The bilingual demo data set: a fictional province's S&T department, enterprises with
// technical problems, universities and institutes with researchers, and their profiles.
// All names are fictional; identifiers carry valid check digits.
import type { Role } from '../app/context.ts';

export const DEMO_PASSWORD = 'jiebang-demo-2026';
export const DEMO_ADMIN = { email: 'admin@demo.jiebang.cn', nameZh: '平台管理员', nameEn: 'Platform Admin' };

export interface DemoOrg {
  key: string;
  kind: 'enterprise' | 'university' | 'institute' | 'agency' | 'grassroots';
  nameZh: string;
  nameEn: string;
  /** First 17 characters of the USCC; the check character is computed. */
  usccBody: string | null;
  regionCode: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  {
    key: 'dept',
    kind: 'agency',
    nameZh: '东海省科学技术厅',
    nameEn: 'Donghai Provincial Department of Science and Technology',
    usccBody: '11330000002482001',
    regionCode: '330000',
  },
  {
    key: 'quartz',
    kind: 'enterprise',
    nameZh: '华晶石英材料有限公司',
    nameEn: 'Huajing Quartz Materials Co., Ltd.',
    usccBody: '91330106MA2B3C4D5',
    regionCode: '330106',
  },
  {
    key: 'robot',
    kind: 'enterprise',
    nameZh: '精驱机器人股份有限公司',
    nameEn: 'Jingqu Robotics Co., Ltd.',
    usccBody: '91330206MA2C7E8F9',
    regionCode: '330206',
  },
  {
    key: 'agri',
    kind: 'enterprise',
    nameZh: '禾丰智慧农业科技有限公司',
    nameEn: 'Hefeng Smart Agriculture Technology Co., Ltd.',
    usccBody: '91330481MA2D1G2H3',
    regionCode: '330481',
  },
  {
    key: 'battery',
    kind: 'enterprise',
    nameZh: '蓝海储能科技有限公司',
    nameEn: 'Lanhai Energy Storage Technology Co., Ltd.',
    usccBody: '91330110MA2E4J5K6',
    regionCode: '330110',
  },
  {
    key: 'dhu',
    kind: 'university',
    nameZh: '东海大学',
    nameEn: 'Donghai University',
    usccBody: '12330000470001234',
    regionCode: '330106',
  },
  {
    key: 'jcut',
    kind: 'university',
    nameZh: '江川理工大学',
    nameEn: 'Jiangchuan University of Technology',
    usccBody: '12330000470005678',
    regionCode: '330206',
  },
  {
    key: 'materials',
    kind: 'institute',
    nameZh: '东海省材料研究所',
    nameEn: 'Donghai Institute of Materials Research',
    usccBody: '12330000470009012',
    regionCode: '330108',
  },
  {
    key: 'agrisci',
    kind: 'institute',
    nameZh: '东海省农业科学院',
    nameEn: 'Donghai Academy of Agricultural Sciences',
    usccBody: '12330000470003456',
    regionCode: '330104',
  },
  {
    key: 'town',
    kind: 'grassroots',
    nameZh: '青石镇农业综合服务中心',
    nameEn: 'Qingshi Town Agricultural Service Centre',
    usccBody: null,
    regionCode: '330481',
  },
];

export interface DemoPerson {
  email: string;
  nameZh: string;
  nameEn: string;
  title: string;
  org: string;
  roles: Role[];
  disciplineCodes: string[];
  keywords: string[];
  publications?: { title: string; year: number; venue: string; coauthors: string[] }[];
  orcidBody?: string;
}

const P = (
  email: string,
  nameZh: string,
  nameEn: string,
  title: string,
  org: string,
  roles: Role[],
  disciplineCodes: string[],
  keywords: string[],
  publications: DemoPerson['publications'] = [],
): DemoPerson => ({
  email: `${email}@demo.jiebang.cn`,
  nameZh,
  nameEn,
  title,
  org,
  roles,
  disciplineCodes,
  keywords,
  publications,
});

export const DEMO_PEOPLE: DemoPerson[] = [
  P(
    'organizer',
    '王海燕',
    'Wang Haiyan',
    '处长',
    'dept',
    ['organizer'],
    ['G0401'],
    ['科技计划管理', 'programme management'],
  ),
  P('organizer2', '陈立', 'Chen Li', '副处长', 'dept', ['organizer'], ['G0401'], ['项目评审', 'evaluation']),
  P(
    'integrity',
    '周明',
    'Zhou Ming',
    '监督处主任',
    'dept',
    ['integrity_officer'],
    ['G0401'],
    ['科研诚信', 'research integrity'],
  ),
  P(
    'analyst',
    '林静',
    'Lin Jing',
    '研究员',
    'dept',
    ['analyst'],
    ['G0301'],
    ['科技统计', 'R&D statistics', '德尔菲', 'Delphi'],
  ),
  P(
    'proposer',
    '赵强',
    'Zhao Qiang',
    '研发总监',
    'quartz',
    ['proposer'],
    ['E0207'],
    ['高纯石英', 'high-purity quartz', '坩埚', 'crucible'],
  ),
  P(
    'proposer2',
    '孙晓梅',
    'Sun Xiaomei',
    '技术中心主任',
    'robot',
    ['proposer'],
    ['E0501'],
    ['精密减速器', 'precision reducer', '回差', 'backlash'],
  ),
  P(
    'proposer3',
    '黄志刚',
    'Huang Zhigang',
    '首席技术官',
    'agri',
    ['proposer'],
    ['C1302'],
    ['作物病害', 'crop disease', '图像识别', 'image recognition'],
  ),
  P(
    'proposer4',
    '吴婷',
    'Wu Ting',
    '研发经理',
    'battery',
    ['proposer'],
    ['E0702'],
    ['钠离子电池', 'sodium-ion battery'],
  ),
  P(
    'solver',
    '李建国',
    'Li Jianguo',
    '教授',
    'materials',
    ['solver'],
    ['E0207', 'E0208'],
    ['石英玻璃', 'quartz glass', '提纯', 'purification'],
    [
      { title: '高纯石英砂酸浸提纯工艺研究', year: 2023, venue: '硅酸盐学报', coauthors: ['刘洋', '张敏'] },
      {
        title: 'Bubble-free fused quartz crucibles for Czochralski growth',
        year: 2024,
        venue: 'J. Crystal Growth',
        coauthors: ['Liu Yang'],
      },
    ],
  ),
  P(
    'solver2',
    '刘洋',
    'Liu Yang',
    '副研究员',
    'materials',
    ['solver'],
    ['E0207'],
    ['熔融石英', 'fused silica'],
    [
      {
        title: 'Bubble-free fused quartz crucibles for Czochralski growth',
        year: 2024,
        venue: 'J. Crystal Growth',
        coauthors: ['Li Jianguo'],
      },
    ],
  ),
  P(
    'solver3',
    '张敏',
    'Zhang Min',
    '教授',
    'dhu',
    ['solver'],
    ['E0208'],
    ['无机非金属材料', 'inorganic materials'],
  ),
  P(
    'solver4',
    '郑浩',
    'Zheng Hao',
    '教授',
    'jcut',
    ['solver'],
    ['E0501', 'E0502'],
    ['谐波减速器', 'harmonic drive', '齿轮', 'gear'],
    [
      {
        title: 'Low-backlash cycloidal reducers for collaborative robots',
        year: 2025,
        venue: 'Mech. Mach. Theory',
        coauthors: ['Xu Lei'],
      },
    ],
  ),
  P(
    'solver5',
    '徐磊',
    'Xu Lei',
    '副教授',
    'jcut',
    ['solver'],
    ['E0501'],
    ['RV减速器', 'RV reducer', '精度保持性', 'precision retention'],
  ),
  P('solver6', '马丽', 'Ma Li', '研究员', 'dhu', ['solver'], ['F0205'], ['伺服控制', 'servo control']),
  P(
    'solver7',
    '何俊',
    'He Jun',
    '教授',
    'dhu',
    ['solver'],
    ['F0604', 'C1302'],
    ['深度学习', 'deep learning', '植物病害识别', 'plant disease detection'],
    [
      {
        title: 'Few-shot detection of rice blast from field images',
        year: 2024,
        venue: 'Comput. Electron. Agric.',
        coauthors: ['Gao Yan'],
      },
    ],
  ),
  P(
    'solver8',
    '高燕',
    'Gao Yan',
    '研究员',
    'agrisci',
    ['solver'],
    ['C1302'],
    ['水稻病害', 'rice disease', '遥感', 'remote sensing'],
  ),
  P(
    'solver9',
    '罗斌',
    'Luo Bin',
    '讲师',
    'jcut',
    ['solver'],
    ['F0604'],
    ['边缘计算', 'edge computing', '模型压缩', 'model compression'],
  ),
  P(
    'solver10',
    '谢芳',
    'Xie Fang',
    '教授',
    'dhu',
    ['solver'],
    ['E0702', 'B0506'],
    ['电极材料', 'electrode materials', '钠离子', 'sodium-ion'],
  ),
  P(
    'solver11',
    '韩冰',
    'Han Bing',
    '博士后',
    'materials',
    ['solver'],
    ['E0702'],
    ['固态电解质', 'solid electrolyte'],
  ),
  P(
    'solver12',
    '曹宇',
    'Cao Yu',
    '高级工程师',
    'robot',
    ['solver'],
    ['E0501'],
    ['装配工艺', 'assembly process'],
  ),
  P(
    'expert',
    '钱学文',
    'Qian Xuewen',
    '院士',
    'dhu',
    ['evaluator'],
    ['E0207', 'E0208'],
    // Wear of gear materials is what the RV reducer's precision retention comes down to: the demo
    // expert is one of that round's natural reviewers (and so has reviews to do after demo load).
    [
      '材料科学',
      'materials science',
      '晶体生长',
      'crystal growth',
      '齿轮材料磨损',
      'gear material wear',
      '精度保持性',
      'precision retention',
    ],
  ),
  P(
    'expert2',
    '冯涛',
    'Feng Tao',
    '教授',
    'jcut',
    ['evaluator'],
    ['E0501'],
    ['机械传动', 'mechanical transmission'],
  ),
  P(
    'expert3',
    '蒋雪',
    'Jiang Xue',
    '研究员',
    'agrisci',
    ['evaluator'],
    ['C1302', 'F0604'],
    ['植物保护', 'plant protection', '计算机视觉', 'computer vision'],
  ),
  P(
    'expert4',
    '沈卫东',
    'Shen Weidong',
    '教授',
    'dhu',
    ['evaluator'],
    ['F0604'],
    ['机器学习', 'machine learning'],
  ),
  P(
    'expert5',
    '杨帆',
    'Yang Fan',
    '正高级工程师',
    'battery',
    ['evaluator'],
    ['E0702'],
    ['储能系统', 'energy storage'],
  ),
  P(
    'expert6',
    '朱红',
    'Zhu Hong',
    '研究员',
    'materials',
    ['evaluator'],
    ['E0207'],
    ['硅材料', 'silicon materials'],
  ),
  P(
    'expert7',
    '秦峰',
    'Qin Feng',
    '教授',
    'jcut',
    ['evaluator'],
    ['E0502'],
    ['可靠性', 'reliability', '寿命试验', 'life testing'],
  ),
  P(
    'expert8',
    '许丹',
    'Xu Dan',
    '副研究员',
    'agrisci',
    ['evaluator'],
    ['C1302'],
    ['病害流行学', 'epidemiology'],
  ),
  P(
    'expert9',
    '邓超',
    'Deng Chao',
    '教授',
    'dhu',
    ['evaluator', 'solver'],
    ['B0506'],
    ['电化学', 'electrochemistry'],
  ),
  P(
    'expert10',
    '彭琳',
    'Peng Lin',
    '高级工程师',
    'quartz',
    ['evaluator'],
    ['E0207'],
    ['工艺装备', 'process equipment'],
  ),
  P(
    'commissioner',
    '唐建平',
    'Tang Jianping',
    '农技推广研究员',
    'agrisci',
    ['commissioner'],
    ['C1302'],
    ['农技推广', 'extension service', '茶树', 'tea'],
  ),
  P(
    'commissioner2',
    '雷小军',
    'Lei Xiaojun',
    '高级农艺师',
    'town',
    ['commissioner'],
    ['C1501'],
    ['蔬菜栽培', 'vegetable growing'],
  ),
];

// ── Demo challenges (揭榜挂帅) ─────────────────────────────────────────────────────────

export interface DemoTarget {
  metric: string;
  unit: string;
  comparator: 'gte' | 'lte' | 'eq' | 'range';
  threshold: string;
  thresholdHigh?: string;
  verification: string;
  verifier: 'proposer' | 'lab' | 'panel';
  verifierName?: string;
  mandatory?: boolean;
}

export interface DemoBid {
  /** Email local part of the commander (a solver). */
  commander: string;
  /** Email local parts of team members (they confirm participation). */
  members: { who: string; role: string }[];
  technicalRoute: string;
  budgetYuan: number;
  /** Milestones; `values` are the value each target reaches, by target index. */
  milestones: {
    title: string;
    monthsAfterDeadline: number;
    deliverables: string;
    values: (string | null)[];
  }[];
  pledge: { commitments: string; consequences: string };
  /** Organizer score and the proposer's judgement of fit, given while evaluating. */
  scores: { organizer: number; fit: number };
}

export interface DemoChallenge {
  /** Where the loader takes it: draft; published and open; evaluating bids; awarded with a signed task book. */
  stage: 'draft' | 'published' | 'evaluating' | 'awarded';
  /** Email local part of the proposer. */
  proposer: string;
  org: string;
  titleZh: string;
  titleEn: string;
  statementZh: string;
  statementEn: string;
  disciplineCodes: string[];
  keywords: string[];
  budgetCeilingYuan: number;
  cofundYuan: number;
  durationMonths: number;
  ipTerms: string;
  targets: DemoTarget[];
  bids: DemoBid[];
}

const IP_DEFAULT =
  '项目形成的知识产权归揭榜方所有，发榜方在同等条件下享有优先实施许可权；许可费另行协商。 / IP belongs to the solver; the proposer has a right of first licence on equal terms.';

export const DEMO_CHALLENGES: DemoChallenge[] = [
  {
    stage: 'awarded',
    proposer: 'proposer',
    org: 'quartz',
    titleZh: '半导体级高纯石英坩埚',
    titleEn: 'Semiconductor-grade high-purity quartz crucible',
    statementZh:
      '12 英寸直拉单晶硅用石英坩埚长期依赖进口。需研制内层高纯、低气泡的石英坩埚，在连续拉晶工况下保持结构稳定，金属杂质与气泡密度满足 12 英寸硅片要求，并在发榜方产线完成验证。',
    statementEn:
      'Quartz crucibles for 12-inch Czochralski silicon growth are still imported. Develop crucibles with a high-purity, low-bubble inner layer that stay stable through continuous pulling, meet 12-inch wafer limits on metal impurities and bubble density, and pass validation on the proposer’s line.',
    disciplineCodes: ['E0207'],
    keywords: ['高纯石英', '坩埚', '直拉单晶', 'quartz crucible', 'Czochralski'],
    budgetCeilingYuan: 8_000_000,
    cofundYuan: 3_000_000,
    durationMonths: 24,
    ipTerms: IP_DEFAULT,
    targets: [
      {
        metric: '内层总金属杂质含量 Total metal impurities (inner layer)',
        unit: 'ppm',
        comparator: 'lte',
        threshold: '10',
        verification: 'ICP-MS，抽检 5 只 / ICP-MS on 5 sampled crucibles',
        verifier: 'lab',
        verifierName: '国家石英材料质量检验检测中心',
      },
      {
        metric: '连续拉晶时间 Continuous pulling time',
        unit: 'h',
        comparator: 'gte',
        threshold: '400',
        verification: '发榜方产线试用记录 / Production-line trial log',
        verifier: 'proposer',
      },
      {
        metric: '内层气泡密度 Bubble density (inner layer)',
        unit: '个/cm³',
        comparator: 'lte',
        threshold: '5',
        verification: '光学显微计数 / Optical microscopy count',
        verifier: 'lab',
        verifierName: '国家石英材料质量检验检测中心',
        mandatory: false,
      },
    ],
    bids: [
      {
        commander: 'solver',
        members: [{ who: 'solver2', role: '熔制工艺 / fusion process' }],
        technicalRoute:
          '高纯石英砂酸浸—氯化焙烧深度提纯；真空电弧熔制形成透明内层；内表面涂覆氢氧化钡析晶促进层。/ Acid leaching and chlorination roasting; vacuum arc fusion of a transparent inner layer; barium hydroxide coating to promote devitrification.',
        budgetYuan: 7_200_000,
        milestones: [
          {
            title: '小批量样品 / Pilot batch',
            monthsAfterDeadline: 9,
            deliverables: '20 只 28 英寸坩埚样品及检测报告 / 20 crucibles with lab reports',
            values: ['12', '300', '8'],
          },
          {
            title: '产线验证 / Line validation',
            monthsAfterDeadline: 22,
            deliverables: '产线连续拉晶验证报告 / Line validation report',
            values: ['8', '420', '4'],
          },
        ],
        pledge: {
          commitments:
            '按期完成全部约束性指标，成果在发榜方产线落地。/ Meet every mandatory target on time on the proposer’s line.',
          consequences:
            '未完成约束性指标的，退还未使用经费，并记入科研信用记录。/ Unspent funds returned and recorded in the research credit file if mandatory targets are missed.',
        },
        scores: { organizer: 91, fit: 93 },
      },
      {
        commander: 'solver3',
        members: [],
        technicalRoute:
          '溶胶—凝胶法合成高纯二氧化硅内衬，等离子喷涂成型。/ Sol-gel high-purity silica liner, plasma-spray forming.',
        budgetYuan: 6_500_000,
        milestones: [
          {
            title: '工艺验证 / Process proof',
            monthsAfterDeadline: 12,
            deliverables: '内衬样品 / Liner samples',
            values: ['15', null, '6'],
          },
          {
            title: '样品验证 / Sample validation',
            monthsAfterDeadline: 24,
            deliverables: '坩埚样品与试用报告 / Crucibles and trial report',
            values: ['9', '400', '5'],
          },
        ],
        pledge: {
          commitments: '完成约束性指标。/ Meet the mandatory targets.',
          consequences: '退还未使用经费。/ Return unspent funds.',
        },
        scores: { organizer: 78, fit: 74 },
      },
    ],
  },
  {
    stage: 'evaluating',
    proposer: 'proposer2',
    org: 'robot',
    titleZh: '工业机器人高精度 RV 减速器',
    titleEn: 'High-precision RV reducer for industrial robots',
    statementZh:
      '六轴工业机器人关节用 RV 减速器的回差与精度保持性是国产机器人的短板。需研制额定扭矩 1000 N·m 级 RV 减速器，回差与寿命达到国际主流产品水平，并完成整机装机验证。',
    statementEn:
      'Backlash and precision retention of RV reducers limit domestic six-axis industrial robots. Develop a 1000 N·m-class RV reducer matching leading imports in backlash and life, validated in a complete robot.',
    disciplineCodes: ['E0501', 'E0502'],
    keywords: ['RV减速器', '回差', '精度保持性', 'RV reducer', 'backlash'],
    budgetCeilingYuan: 5_000_000,
    cofundYuan: 2_000_000,
    durationMonths: 30,
    ipTerms: IP_DEFAULT,
    targets: [
      {
        metric: '回差 Backlash',
        unit: 'arcmin',
        comparator: 'lte',
        threshold: '1',
        verification: '按 GB/T 35089 测试 / Tested to GB/T 35089',
        verifier: 'lab',
        verifierName: '国家机器人检测与评定中心',
      },
      {
        metric: '额定寿命 Rated life',
        unit: 'h',
        comparator: 'gte',
        threshold: '6000',
        verification: '加速寿命试验 / Accelerated life test',
        verifier: 'lab',
        verifierName: '国家机器人检测与评定中心',
      },
      {
        metric: '传动效率 Transmission efficiency',
        unit: '%',
        comparator: 'range',
        threshold: '80',
        thresholdHigh: '95',
        verification: '额定工况测试 / Rated-load test',
        verifier: 'proposer',
        mandatory: false,
      },
    ],
    bids: [
      {
        commander: 'solver4',
        members: [{ who: 'solver5', role: '精度保持性 / precision retention' }],
        technicalRoute:
          '摆线轮修形优化 + 针齿壳精密磨削 + 选配装配工艺。/ Optimised cycloid profile modification, precision grinding of the pin housing, selective assembly.',
        budgetYuan: 4_800_000,
        milestones: [
          {
            title: '样机 / Prototype',
            monthsAfterDeadline: 10,
            deliverables: '3 台样机与测试报告 / 3 prototypes with test reports',
            values: ['1.2', '3000', '85'],
          },
          {
            title: '装机验证 / In-robot validation',
            monthsAfterDeadline: 28,
            deliverables: '整机装机运行报告 / In-robot running report',
            values: ['0.8', '6000', '88'],
          },
        ],
        pledge: {
          commitments: '回差与寿命指标全部达到。/ Meet the backlash and life targets.',
          consequences: '退还未使用经费并记入信用记录。/ Return unspent funds; credit record.',
        },
        scores: { organizer: 88, fit: 90 },
      },
      {
        commander: 'solver6',
        members: [],
        // Copied almost word for word from the other reducer bid: the demo's duplicate-submission
        // flag for the integrity officer.
        technicalRoute:
          '摆线轮修形优化 + 针齿壳精密磨削 + 选配装配工艺流程。/ Optimised cycloid profile modification, precision grinding of the pin housing, selective assembly.',
        budgetYuan: 4_200_000,
        milestones: [
          {
            title: '原理样机 / Proof prototype',
            monthsAfterDeadline: 12,
            deliverables: '原理样机 / Proof-of-concept prototype',
            values: ['1.5', null, '82'],
          },
          {
            title: '工程样机 / Engineering prototype',
            monthsAfterDeadline: 30,
            deliverables: '工程样机与寿命试验报告 / Engineering prototype and life test',
            values: ['0.9', '6000', '86'],
          },
        ],
        pledge: {
          commitments: '完成约束性指标。/ Meet the mandatory targets.',
          consequences: '退还未使用经费。/ Return unspent funds.',
        },
        scores: { organizer: 80, fit: 76 },
      },
    ],
  },
  {
    stage: 'published',
    proposer: 'proposer3',
    org: 'agri',
    titleZh: '田间作物病害智能识别模型',
    titleEn: 'Field crop-disease detection model',
    statementZh:
      '基层农技人员需要在田间用手机快速识别水稻、小麦主要病害。需研制可在中端手机离线运行的识别模型，在独立田间测试集上达到高准确率，并由专家组现场验证。',
    statementEn:
      'Extension workers need to recognise the main rice and wheat diseases in the field with a phone. Develop a model that runs offline on a mid-range phone, is highly accurate on a held-out field test set, and is verified on site by an expert panel.',
    disciplineCodes: ['F0604', 'C1302'],
    keywords: ['作物病害', '图像识别', '深度学习', 'crop disease', 'image recognition'],
    budgetCeilingYuan: 2_000_000,
    cofundYuan: 500_000,
    durationMonths: 18,
    ipTerms: IP_DEFAULT,
    targets: [
      {
        metric: '独立田间测试集识别准确率 Accuracy on the held-out field set',
        unit: '%',
        comparator: 'gte',
        threshold: '95',
        verification:
          '发榜方保留的 5000 张田间图像，专家组盲测 / 5,000 withheld field images, blind test by the panel',
        verifier: 'panel',
        verifierName: '省植保专家组 Provincial plant-protection panel',
      },
      {
        metric: '单张识别时间（中端手机离线）Inference time per image (offline, mid-range phone)',
        unit: 'ms',
        comparator: 'lte',
        threshold: '500',
        verification: '指定机型实测 / Measured on the named phone model',
        verifier: 'proposer',
      },
    ],
    bids: [],
  },
  {
    stage: 'draft',
    proposer: 'proposer4',
    org: 'battery',
    titleZh: '高能量密度长循环钠离子电池电芯',
    titleEn: 'High-energy, long-life sodium-ion battery cell',
    statementZh:
      '储能电站需要低成本、长寿命的钠离子电池。需研制能量密度与循环寿命兼顾的钠离子电芯，并通过第三方安全与循环测试。',
    statementEn:
      'Energy-storage stations need low-cost, long-life sodium-ion batteries. Develop a cell balancing energy density and cycle life that passes third-party safety and cycling tests.',
    disciplineCodes: ['E0702', 'B0506'],
    keywords: ['钠离子电池', '储能', 'sodium-ion battery', 'energy storage'],
    budgetCeilingYuan: 6_000_000,
    cofundYuan: 2_000_000,
    durationMonths: 24,
    ipTerms: IP_DEFAULT,
    targets: [
      {
        metric: '电芯质量能量密度 Gravimetric energy density',
        unit: 'Wh/kg',
        comparator: 'gte',
        threshold: '160',
        verification: '0.33C 充放电测试 / 0.33C charge-discharge test',
        verifier: 'lab',
        verifierName: '国家化学电源产品质量检验检测中心',
      },
      {
        metric: '循环寿命（80% 容量保持）Cycle life to 80% capacity',
        unit: '次 cycles',
        comparator: 'gte',
        threshold: '3000',
        verification: '1C/1C 循环测试 / 1C/1C cycling',
        verifier: 'lab',
        verifierName: '国家化学电源产品质量检验检测中心',
      },
    ],
    bids: [],
  },
];

/** Every demo login: the platform admin, then each person with their roles and organisation. */
export function demoLogins(): { email: string; roles: Role[]; name: string; org: string }[] {
  const orgs = new Map(DEMO_ORGS.map((o) => [o.key, o]));
  return [
    { email: DEMO_ADMIN.email, roles: ['admin'], name: `${DEMO_ADMIN.nameZh} ${DEMO_ADMIN.nameEn}`, org: '' },
    ...DEMO_PEOPLE.map((p) => {
      const o = orgs.get(p.org);
      return { email: p.email, roles: p.roles, name: `${p.nameZh} ${p.nameEn}`, org: o ? o.nameEn : '' };
    }),
  ];
}
