// The knowledge graph of one article (prisma/seed/article.txt): the 2012 agreement between
// Xiangyang and the Hubei Provincial Bureau of Quality and Technical Supervision.
// Every quote is a verbatim span of the cleaned text (prisma/seed/clean.ts); a tuple names the
// 0-based occurrence of a span that occurs more than once. Simplified Chinese comes from OpenCC
// and pinyin from pinyin-pro at seed time: no corrections were needed, so none are given here.
import type { Curated } from './curated.js';

export const curated: Curated = {
  document: {
    key: 'article',
    title: { zhHant: '襄陽產業發展迎來技術保證', en: 'Xiangyang’s industrial development gains technical backing' },
    publisher: 'qianzhan-institute',
    commentCount: 0,
  },

  parties: [
    {
      key: 'xiangyang-city',
      name: { zhHant: '襄陽市', en: 'Xiangyang City', pinyin: true },
      aliases: ['襄陽'],
      kind: 'GOVERNMENT',
      quotes: [
        '襄陽市與湖北省質量技術監督局簽訂2012年度共同推進“四個襄陽”建設協議書',
        '襄陽將按照協議事項推進各項工作的落實',
      ],
    },
    {
      key: 'hubei-quality-bureau',
      name: { zhHant: '湖北省質量技術監督局', en: 'Hubei Provincial Bureau of Quality and Technical Supervision' },
      aliases: ['湖北省質監局'],
      kind: 'GOVERNMENT_AGENCY',
      quotes: ['湖北省質量技術監督局局長王澤洪', '湖北省質監局將重點支持'],
    },
    {
      key: 'xiangyang-high-tech-zone',
      name: {
        zhHant: '襄陽高新技術產業開發區',
        en: 'Xiangyang High-tech Industrial Development Zone',
        pinyin: 'Xiāngyáng Gāoxīn Jìshù Chǎnyè Kāifāqū',
      },
      aliases: [],
      kind: 'DEVELOPMENT_ZONE',
      quotes: ['襄陽高新技術產業開發區'],
    },
    {
      key: 'zaoyang-city',
      name: { zhHant: '棗陽市', en: 'Zaoyang City', pinyin: true },
      aliases: [],
      kind: 'GOVERNMENT',
      quotes: ['棗陽市'],
    },
    {
      key: 'zaoyang-friction-materials-cluster',
      name: { zhHant: '棗陽市摩擦材料產業集群', en: 'Zaoyang Friction Materials Industry Cluster' },
      aliases: [],
      kind: 'INDUSTRY_CLUSTER',
      quotes: ['棗陽市摩擦材料產業集群'],
    },
    {
      key: 'national-soft-start-standardization-committee',
      name: { zhHant: '國家軟起動標準化技術委員會', en: 'National Technical Committee for Soft-Start Standardization' },
      aliases: [],
      kind: 'STANDARDS_BODY',
      quotes: ['國家軟起動標準化技術委員會'],
    },
    {
      key: 'china-electrical-products-soft-start-alliance',
      name: {
        zhHant: '中國電品工業軟起動標準化聯盟',
        en: 'China Electrical Products Industry Soft-Start Standardization Alliance',
      },
      aliases: [],
      kind: 'STANDARDS_BODY',
      quotes: ['中國電品工業軟起動標準化聯盟'],
    },
    {
      key: 'national-power-battery-inspection-center',
      name: {
        zhHant: '國家動力電池產品質量監督檢驗中心',
        en: 'National Power Battery Product Quality Supervision and Inspection Center',
      },
      aliases: [],
      kind: 'INSPECTION_CENTER',
      quotes: ['國家動力電池產品質量監督檢驗中心落戶襄陽'],
    },
    {
      key: 'hubei-provincial-party-committee',
      name: { zhHant: '湖北省委', en: 'Hubei Provincial Committee of the Communist Party of China' },
      aliases: [],
      kind: 'PARTY_COMMITTEE',
      quotes: ['湖北省委常委'],
    },
    {
      key: 'xiangyang-municipal-party-committee',
      name: { zhHant: '襄陽市委', en: 'Xiangyang Municipal Committee of the Communist Party of China' },
      aliases: ['市委'],
      kind: 'PARTY_COMMITTEE',
      quotes: ['市委書記范銳平', '市委常委、常務副市長虞國旗', '市委常委、副市長傅振邦'],
    },
    {
      key: 'qianzhan-institute',
      name: { zhHant: '前瞻產業研究院', en: 'Qianzhan Industry Research Institute' },
      aliases: [],
      kind: 'RESEARCH_INSTITUTE',
      quotes: ['前瞻產業研究院了解到'],
    },
    {
      key: 'qianzhan-net',
      name: { zhHant: '前瞻網', en: 'Qianzhan.com' },
      aliases: [],
      kind: 'MEDIA',
      quotes: ['并不表明前瞻網同意其觀點或證實其描述'],
    },
  ],

  officials: [
    {
      key: 'fan-ruiping',
      name: { zhHant: '范銳平', en: 'Fan Ruiping', pinyin: true },
      positions: [
        {
          organization: 'hubei-provincial-party-committee',
          title: {
            zhHant: '湖北省委常委',
            en: 'Member of the Standing Committee of the Hubei Provincial Committee of the Communist Party of China',
          },
        },
        {
          organization: 'xiangyang-municipal-party-committee',
          title: { zhHant: '市委書記', en: 'Secretary of the Xiangyang Municipal Committee of the CPC' },
        },
      ],
      quotes: ['湖北省委常委、市委書記范銳平'],
    },
    {
      key: 'wang-zehong',
      name: { zhHant: '王澤洪', en: 'Wang Zehong', pinyin: true },
      positions: [{ organization: 'hubei-quality-bureau', title: { zhHant: '局長', en: 'Director' } }],
      quotes: ['湖北省質量技術監督局局長王澤洪'],
    },
    {
      key: 'bie-bixiong',
      name: { zhHant: '別必雄', en: 'Bie Bixiong', pinyin: true },
      positions: [{ organization: 'xiangyang-city', title: { zhHant: '市長', en: 'Mayor' } }],
      quotes: ['市長別必雄'],
    },
    {
      key: 'yu-guoqi',
      name: { zhHant: '虞國旗', en: 'Yu Guoqi', pinyin: true },
      positions: [
        {
          organization: 'xiangyang-municipal-party-committee',
          title: {
            zhHant: '市委常委',
            en: 'Member of the Standing Committee of the Xiangyang Municipal Committee of the CPC',
          },
        },
        { organization: 'xiangyang-city', title: { zhHant: '常務副市長', en: 'Executive Vice Mayor' } },
      ],
      quotes: ['市委常委、常務副市長虞國旗'],
    },
    {
      key: 'fu-zhenbang',
      name: { zhHant: '傅振邦', en: 'Fu Zhenbang', pinyin: true },
      positions: [
        {
          organization: 'xiangyang-municipal-party-committee',
          title: {
            zhHant: '市委常委',
            en: 'Member of the Standing Committee of the Xiangyang Municipal Committee of the CPC',
          },
        },
        { organization: 'xiangyang-city', title: { zhHant: '副市長', en: 'Vice Mayor' } },
      ],
      quotes: ['市委常委、副市長傅振邦'],
    },
  ],

  agreement: {
    key: 'xiangyang-hubei-quality-2012',
    title: {
      zhHant: '2012年度共同推進“四個襄陽”建設協議書',
      en: '2012 Agreement on Jointly Advancing the Building of the “Four Xiangyangs”',
    },
    year: 2012,
    // The text lists six areas, separated by 、 and a final 及; 產品質量和特種設備安全 is the
    // sixth item as printed (its 和 joins two halves of one item), so it stays one entry.
    cooperationAreas: [
      { zhHant: '質量興市', en: 'Building the city through quality' },
      { zhHant: '名牌戰略', en: 'Famous-brand strategy' },
      { zhHant: '標準化戰略', en: 'Standardization strategy' },
      { zhHant: '公共檢測平臺建設', en: 'Building public testing platforms' },
      { zhHant: '計量惠民', en: 'Metrology for the benefit of the people' },
      { zhHant: '產品質量和特種設備安全', en: 'Product quality and special equipment safety' },
    ],
    signatories: ['xiangyang-city', 'hubei-quality-bureau'],
    participants: [
      {
        official: 'fan-ruiping',
        roles: ['ATTENDED', 'SPOKE'],
        capacity: {
          zhHant: '湖北省委常委、市委書記',
          en: 'Member of the Standing Committee of the Hubei Provincial Committee of the CPC and Secretary of the Xiangyang Municipal Committee of the CPC',
        },
        quotes: ['湖北省委常委、市委書記范銳平出席會議并講話', '范銳平表示'],
      },
      {
        official: 'wang-zehong',
        roles: ['SIGNED'],
        capacity: {
          zhHant: '局長',
          en: 'Director of the Hubei Provincial Bureau of Quality and Technical Supervision',
        },
        quotes: ['湖北省質量技術監督局局長王澤洪與市長別必雄簽訂協議'],
      },
      {
        official: 'bie-bixiong',
        roles: ['SIGNED'],
        capacity: { zhHant: '市長', en: 'Mayor of Xiangyang' },
        quotes: ['湖北省質量技術監督局局長王澤洪與市長別必雄簽訂協議'],
      },
      {
        official: 'yu-guoqi',
        roles: ['PRESIDED'],
        capacity: {
          zhHant: '市委常委、常務副市長',
          en: 'Member of the Standing Committee of the Xiangyang Municipal Committee of the CPC and Executive Vice Mayor of Xiangyang',
        },
        quotes: ['市委常委、常務副市長虞國旗主持'],
      },
      {
        official: 'fu-zhenbang',
        roles: ['REPORTED'],
        capacity: {
          zhHant: '市委常委、副市長',
          en: 'Member of the Standing Committee of the Xiangyang Municipal Committee of the CPC and Vice Mayor of Xiangyang',
        },
        quotes: ['市委常委、副市長傅振邦介紹了襄陽市自2009年以來與湖北省質量技術監督局開展廳市合作取得的成績'],
      },
    ],
    quotes: ['襄陽市與湖北省質量技術監督局簽訂2012年度共同推進“四個襄陽”建設協議書', '根據戰略合作協議'],
  },

  // Parents only where one printed industry is plainly a kind of another printed one.
  industries: [
    {
      key: 'automobiles-and-parts',
      name: { zhHant: '汽車及零部件', en: 'Automobiles and auto parts' },
      quotes: ['汽車及零部件'],
    },
    {
      key: 'modern-equipment-manufacturing',
      name: { zhHant: '現代裝備制造', en: 'Modern equipment manufacturing' },
      quotes: ['現代裝備制造'],
    },
    {
      key: 'new-energy-vehicles',
      name: { zhHant: '新能源汽車', en: 'New-energy vehicles' },
      parent: 'automobiles-and-parts',
      quotes: [
        ['新能源汽車', 0],
        ['新能源汽車', 1],
      ],
    },
    {
      key: 'new-energy-and-new-materials',
      name: { zhHant: '新能源新材料', en: 'New energy and new materials' },
      quotes: [
        ['新能源新材料', 0],
        ['新能源新材料', 1],
      ],
    },
    {
      key: 'electronic-information',
      name: { zhHant: '電子信息', en: 'Electronic information' },
      quotes: ['電子信息'],
    },
    {
      key: 'pharmaceuticals-and-chemicals',
      name: { zhHant: '醫藥化工', en: 'Pharmaceuticals and chemicals' },
      quotes: ['醫藥化工'],
    },
    {
      key: 'agricultural-product-deep-processing',
      name: { zhHant: '農產品深加工', en: 'Deep processing of agricultural products' },
      quotes: ['農產品深加工'],
    },
    {
      key: 'friction-materials',
      name: { zhHant: '摩擦材料', en: 'Friction materials' },
      quotes: ['摩擦材料'],
    },
    {
      key: 'electrical-products',
      name: { zhHant: '電品工業', en: 'Electrical products industry' },
      quotes: ['電品工業'],
    },
    {
      key: 'soft-start',
      name: { zhHant: '軟起動', en: 'Soft starters' },
      parent: 'electrical-products',
      quotes: [
        ['軟起動', 0],
        ['軟起動', 1],
      ],
    },
    {
      key: 'agriculture',
      name: { zhHant: '農業', en: 'Agriculture' },
      quotes: ['推進農業標準化進程'],
    },
    {
      key: 'power-batteries',
      name: { zhHant: '動力電池', en: 'Power batteries' },
      quotes: ['動力電池'],
    },
    {
      key: 'satellites',
      name: { zhHant: '衛星', en: 'Satellites' },
      quotes: ['衛星行業', '衛星產業'],
    },
    {
      key: 'intelligent-connected-vehicles',
      name: { zhHant: '智能網聯汽車', en: 'Intelligent connected vehicles' },
      parent: 'automobiles-and-parts',
      quotes: ['智能網聯汽車行業'],
    },
    {
      key: 'biodegradable-plastics',
      name: { zhHant: '生物降解塑料', en: 'Biodegradable plastics' },
      quotes: ['生物降解塑料行業'],
    },
    {
      key: 'in-vitro-diagnostics',
      name: { zhHant: '體外診斷', en: 'In vitro diagnostics' },
      quotes: ['體外診斷行業'],
    },
    {
      key: 'blockchain',
      name: { zhHant: '區塊鏈', en: 'Blockchain' },
      quotes: ['區塊鏈行業'],
    },
    {
      key: 'energy-performance-contracting',
      name: { zhHant: '合同能源管理', en: 'Energy performance contracting' },
      quotes: ['合同能源管理行業'],
    },
    {
      key: 'integrated-circuit-manufacturing',
      name: { zhHant: '集成電路制造', en: 'Integrated circuit manufacturing' },
      parent: 'electronic-information',
      quotes: ['集成電路制造行業'],
    },
    {
      key: 'data-middle-platforms',
      name: { zhHant: '數據中臺', en: 'Data middle platforms' },
      quotes: ['數據中臺行業'],
    },
    {
      key: 'sodium-ion-batteries',
      name: { zhHant: '鈉離子電池', en: 'Sodium-ion batteries' },
      quotes: ['鈉離子電池行業'],
    },
    {
      key: 'cnc-systems',
      name: { zhHant: '數控系統', en: 'CNC systems' },
      parent: 'modern-equipment-manufacturing',
      quotes: ['數控系統行業'],
    },
  ],

  commitments: [
    {
      key: 'brand-demonstration-zones',
      text: {
        zhHant: '重點支持襄陽高新技術產業開發區和棗陽市摩擦材料產業集群創建全國知名品牌示范區',
        en: 'Give priority support to the Xiangyang High-tech Industrial Development Zone and the Zaoyang friction materials industry cluster in creating national well-known brand demonstration zones',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['xiangyang-high-tech-zone', 'zaoyang-friction-materials-cluster'],
      industries: ['friction-materials'],
      targets: [],
      status: 'PLEDGED',
      quotes: ['湖北省質監局將重點支持襄陽高新技術產業開發區和棗陽市摩擦材料產業集群創建全國知名品牌示范區'],
    },
    {
      key: 'changjiang-quality-award',
      text: {
        zhHant: '支持襄陽龍頭企業爭創“長江質量獎”',
        en: 'Support Xiangyang’s leading enterprises in competing for the “Changjiang Quality Award”',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['xiangyang-city'],
      industries: [],
      targets: [],
      status: 'PLEDGED',
      quotes: ['支持襄陽龍頭企業爭創“長江質量獎”'],
    },
    {
      key: 'famous-brand-products',
      text: {
        zhHant:
          '積極支持襄陽汽車及零部件、現代裝備制造、新能源汽車、新能源新材料、電子信息、醫藥化工、農產品深加工等產業爭創名牌產品',
        en: 'Actively support Xiangyang’s automobile and auto parts, modern equipment manufacturing, new-energy vehicle, new energy and new materials, electronic information, pharmaceutical and chemical, and agricultural product deep-processing industries in competing for famous-brand product status',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['xiangyang-city'],
      industries: [
        'automobiles-and-parts',
        'modern-equipment-manufacturing',
        'new-energy-vehicles',
        'new-energy-and-new-materials',
        'electronic-information',
        'pharmaceuticals-and-chemicals',
        'agricultural-product-deep-processing',
      ],
      targets: [],
      status: 'PLEDGED',
      quotes: [
        '積極支持襄陽汽車及零部件、現代裝備制造、新能源汽車、新能源新材料、電子信息、醫藥化工、農產品深加工等產業爭創名牌產品',
      ],
    },
    {
      key: 'hubei-famous-brand-catalogue',
      text: {
        zhHant: '將襄陽優勢產業納入湖北名牌評價目錄',
        en: 'Include Xiangyang’s competitive industries in the Hubei famous-brand evaluation catalogue',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['xiangyang-city'],
      industries: [],
      targets: [],
      status: 'PLEDGED',
      quotes: ['將襄陽優勢產業納入湖北名牌評價目錄'],
    },
    {
      key: 'testing-capacity-policy-support',
      text: {
        zhHant: '重點在檢測能力建設,項目立項審批、資質認定和檢測技術裝備方面給予政策傾斜',
        en: 'Give preferential policy treatment, with priority on building testing capacity, in project approval, qualification accreditation and testing equipment',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: [],
      industries: [],
      targets: [],
      status: 'PLEDGED',
      quotes: ['湖北省質監局重點在檢測能力建設,項目立項審批、資質認定和檢測技術裝備方面給予政策傾斜'],
    },
    {
      key: 'soft-start-committee-to-xiangyang',
      text: {
        zhHant: '支持國家軟起動標準化技術委員會落戶襄陽',
        en: 'Support the National Technical Committee for Soft-Start Standardization in settling in Xiangyang',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['national-soft-start-standardization-committee'],
      industries: ['soft-start'],
      targets: [],
      status: 'PLEDGED',
      quotes: ['湖北省質監局支持國家軟起動標準化技術委員會落戶襄陽'],
    },
    {
      key: 'soft-start-standardization-alliance',
      text: {
        zhHant: '支持以襄陽為基地和核心,建立“中國電品工業軟起動標準化聯盟”',
        en: 'Support founding the “China Electrical Products Industry Soft-Start Standardization Alliance” with Xiangyang as its base and core',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['china-electrical-products-soft-start-alliance'],
      industries: ['soft-start', 'electrical-products'],
      targets: [],
      status: 'PLEDGED',
      quotes: ['支持以襄陽為基地和核心,建立“中國電品工業軟起動標準化聯盟”'],
    },
    {
      key: 'code-services-green-xiangyang',
      text: {
        zhHant: '支持襄陽市開展代碼業務,推進綠色襄陽建設',
        en: 'Support Xiangyang City in carrying out code services, advancing the building of a green Xiangyang',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['xiangyang-city'],
      industries: [],
      targets: [],
      status: 'PLEDGED',
      quotes: ['支持襄陽市開展代碼業務,推進綠色襄陽建設'],
    },
    {
      key: 'quality-safety-early-warning',
      text: {
        zhHant: '共同建立質量安全監控預警機制',
        en: 'Jointly establish a quality and safety monitoring and early-warning mechanism',
      },
      committedBy: ['xiangyang-city', 'hubei-quality-bureau'],
      beneficiaries: [],
      industries: [],
      targets: [],
      status: 'PLEDGED',
      quotes: ['共同建立質量安全監控預警機制'],
    },
    {
      key: 'agricultural-standardization',
      text: { zhHant: '共同推進農業標準化進程', en: 'Jointly advance agricultural standardization' },
      committedBy: ['xiangyang-city', 'hubei-quality-bureau'],
      beneficiaries: [],
      industries: ['agriculture'],
      targets: [],
      status: 'PLEDGED',
      quotes: ['共同推進農業標準化進程'],
    },
    {
      key: 'agricultural-standards-support',
      text: {
        zhHant: '加大對襄陽農業地方標準制訂和農業標準化示范區建設的支持力度',
        en: 'Step up support for Xiangyang in drawing up local agricultural standards and building agricultural standardization demonstration zones',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['xiangyang-city'],
      industries: ['agriculture'],
      targets: [],
      status: 'PLEDGED',
      quotes: ['湖北省質監局加大對襄陽農業地方標準制訂和農業標準化示范區建設的支持力度'],
    },
    {
      key: 'agricultural-demonstration-zone-applications',
      text: {
        zhHant: '支持襄陽市新申報2家國家級農業標準化示范區和3家省級農業標準化示范區',
        en: 'Support Xiangyang City in newly applying for 2 national-level and 3 provincial-level agricultural standardization demonstration zones',
      },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: ['xiangyang-city'],
      industries: ['agriculture'],
      targets: [
        {
          quantity: 2,
          unit: { zhHant: '家', en: 'zones' },
          description: {
            zhHant: '國家級農業標準化示范區',
            en: 'National-level agricultural standardization demonstration zones',
          },
        },
        {
          quantity: 3,
          unit: { zhHant: '家', en: 'zones' },
          description: {
            zhHant: '省級農業標準化示范區',
            en: 'Provincial-level agricultural standardization demonstration zones',
          },
        },
      ],
      status: 'PLEDGED',
      quotes: ['支持襄陽市新申報2家國家級農業標準化示范區和3家省級農業標準化示范區'],
    },
    {
      key: 'provincial-local-standards',
      text: { zhHant: '制定省地方標準10項', en: 'Draw up 10 provincial local standards' },
      committedBy: ['hubei-quality-bureau'],
      beneficiaries: [],
      industries: [],
      targets: [
        {
          quantity: 10,
          unit: { zhHant: '項', en: 'standards' },
          description: { zhHant: '省地方標準', en: 'Provincial local standards' },
        },
      ],
      status: 'PLEDGED',
      quotes: ['制定省地方標準10項'],
    },
    {
      key: 'xiangyang-implementation',
      text: {
        zhHant: '襄陽將按照協議事項推進各項工作的落實,使襄陽的質監工作走在全省前列,推動襄陽經濟快速前行',
        en: 'Xiangyang will carry out all work under the terms of the agreement, so that its quality supervision work leads the province and its economy moves rapidly forward',
      },
      committedBy: ['xiangyang-city'],
      beneficiaries: [],
      industries: [],
      targets: [],
      status: 'PLEDGED',
      quotes: ['襄陽將按照協議事項推進各項工作的落實,使襄陽的質監工作走在全省前列,推動襄陽經濟快速前行'],
    },
  ],

  relatedReports: [
    {
      key: 'global-satellite-market-2024',
      title: {
        zhHant: '2024年全球衛星行業市場規模將超過2900億美元',
        en: 'Global satellite industry market to exceed USD 290 billion in 2024',
      },
      author: { zhHant: '前瞻產業研究院', en: 'Qianzhan Industry Research Institute' },
      publisher: 'qianzhan-institute',
      year: 2024,
      region: { zhHant: '全球', en: 'Global' },
      marketSize: { amount: '290000000000', currency: 'USD', text: '2900億美元' },
      excerpt: '衛星產業是指圍繞人造衛星的研發、制造、發射、運...',
      industries: ['satellites'],
      quotes: [
        '前瞻產業研究院:2024年全球衛星行業市場規模將超過2900億美元',
        '衛星產業是指圍繞人造衛星的研發、制造、發射、運...',
      ],
    },
    {
      key: 'china-intelligent-connected-vehicle-market-2024',
      title: {
        zhHant: '2024年中國智能網聯汽車行業市場規模將達到12043億元',
        en: 'China’s intelligent connected vehicle market to reach CNY 1.2043 trillion in 2024',
      },
      author: { zhHant: '前瞻產業研究院', en: 'Qianzhan Industry Research Institute' },
      publisher: 'qianzhan-institute',
      year: 2024,
      region: { zhHant: '中國', en: 'China' },
      marketSize: { amount: '1204300000000', currency: 'CNY', text: '12043億元' },
      industries: ['intelligent-connected-vehicles'],
      quotes: ['前瞻產業研究院:2024年中國智能網聯汽車行業市場規模將達到12043億元'],
    },
    {
      key: 'china-biodegradable-plastics-investment',
      title: {
        zhHant: '中國生物降解塑料行業投融資分析',
        en: 'Investment and financing in China’s biodegradable plastics industry',
      },
      author: { zhHant: '童錫來', en: 'Tong Xilai', pinyin: true },
      region: { zhHant: '中國', en: 'China' },
      industries: ['biodegradable-plastics'],
      quotes: ['童錫來:中國生物降解塑料行業投融資分析'],
    },
    {
      key: 'china-in-vitro-diagnostics-segments-2024',
      title: {
        zhHant: '2024年中國體外診斷行業細分市場分析',
        en: 'Market segments of China’s in vitro diagnostics industry in 2024',
      },
      author: { zhHant: '何樂', en: 'He Le', pinyin: true },
      year: 2024,
      region: { zhHant: '中國', en: 'China' },
      industries: ['in-vitro-diagnostics'],
      quotes: ['何樂:2024年中國體外診斷行業細分市場分析'],
    },
    {
      key: 'china-blockchain-technology-2024',
      title: {
        zhHant: '2024年中國區塊鏈行業技術發展分析',
        en: 'Technology development in China’s blockchain industry in 2024',
      },
      author: { zhHant: '劉海晶', en: 'Liu Haijing', pinyin: true },
      year: 2024,
      region: { zhHant: '中國', en: 'China' },
      industries: ['blockchain'],
      quotes: ['劉海晶:2024年中國區塊鏈行業技術發展分析'],
    },
    {
      // The byline is legible only as 李明: whatever followed it (a third character or the
      // colon) was lost in conversion and is U+FFFD in the cleaned text.
      key: 'energy-performance-contracting-value-chain',
      title: {
        zhHant: '合同能源管理行業產業鏈全景梳理及區域熱力地圖',
        en: 'Energy performance contracting industry: a panorama of the value chain and a regional heat map',
      },
      author: { zhHant: '李明', en: 'Li Ming (rest of byline unreadable)', pinyin: true },
      authorDamaged: true,
      industries: ['energy-performance-contracting'],
      quotes: ['李明\uFFFD合同能源管理行業產業鏈全景梳理及區域熱力地圖'],
    },
    {
      key: 'china-integrated-circuit-manufacturing-market-2024',
      title: {
        zhHant: '2024年中國集成電路制造行業市場規模將達到4437億元',
        en: 'China’s integrated circuit manufacturing market to reach CNY 443.7 billion in 2024',
      },
      author: { zhHant: '前瞻產業研究院', en: 'Qianzhan Industry Research Institute' },
      publisher: 'qianzhan-institute',
      year: 2024,
      region: { zhHant: '中國', en: 'China' },
      marketSize: { amount: '443700000000', currency: 'CNY', text: '4437億元' },
      industries: ['integrated-circuit-manufacturing'],
      quotes: ['前瞻產業研究院:2024年中國集成電路制造行業市場規模將達到4437億元'],
    },
    {
      key: 'china-data-middle-platform-panorama-2024',
      title: {
        zhHant: '2024年中國數據中臺行業全景圖譜',
        en: 'Panorama of China’s data middle platform industry in 2024',
      },
      author: { zhHant: '韓艷婷', en: 'Han Yanting', pinyin: true },
      year: 2024,
      region: { zhHant: '中國', en: 'China' },
      industries: ['data-middle-platforms'],
      quotes: ['韓艷婷:2024年中國數據中臺行業全景圖譜'],
    },
    {
      key: 'global-sodium-ion-battery-market-2024',
      title: {
        zhHant: '2024年全球鈉離子電池行業市場規模將達6.1億美元',
        en: 'Global sodium-ion battery market to reach USD 610 million in 2024',
      },
      author: { zhHant: '前瞻產業研究院', en: 'Qianzhan Industry Research Institute' },
      publisher: 'qianzhan-institute',
      year: 2024,
      region: { zhHant: '全球', en: 'Global' },
      marketSize: { amount: '610000000', currency: 'USD', text: '6.1億美元' },
      industries: ['sodium-ion-batteries'],
      quotes: ['前瞻產業研究院:2024年全球鈉離子電池行業市場規模將達6.1億美元'],
    },
    {
      key: 'cnc-systems-listed-companies-2024',
      title: {
        zhHant: '2024年數控系統行業上市公司全方位對比',
        en: 'Listed companies in the CNC systems industry compared in full, 2024',
      },
      author: { zhHant: '蔡志濠', en: 'Cai Zhihao', pinyin: true },
      year: 2024,
      industries: ['cnc-systems'],
      quotes: ['蔡志濠:2024年數控系統行業上市公司全方位對比'],
    },
  ],
};
