/**
 * What the facts table covers, said exactly: the topics of its figures, and every other number in
 * the article's text, each with the words it is printed in (`quotes`), so a reader can see that none
 * is missing. A unit test checks this list against the article: every numeral of the page is in a
 * figure's quote or here.
 */
import type { Bilingual } from '../../lib/data/provenance';
import type { Lang } from '../../lib/format/number';

/** A number on the page that is not a published figure of the table. */
export interface OtherNumber extends Bilingual {
  /** The words it is printed in, as in the article (each form it takes). */
  quotes: readonly string[];
}

export interface OtherGroup {
  kind: Bilingual;
  items: OtherNumber[];
}

export const OTHER_NUMBERS: readonly OtherGroup[] = [
  {
    kind: { zh: '日期与时段', en: 'Dates and periods' },
    items: [
      { quotes: ['7月6日'], zh: '7月6日（数据要素服务工作站揭牌）', en: '6 July (the data-element station opened)' },
      { quotes: ['7月7日'], zh: '7月7日（报道的调研和交流活动的日期）', en: '7 July (the day of the visits reported)' },
      { quotes: ['“七一”'], zh: '“七一”', en: '1 July (“七一”, Party founding day)' },
      { quotes: ['上半年'], zh: '上半年', en: 'the first half of the year' },
      { quotes: ['一年多来'], zh: '一年多来（江海—恩平协作）', en: '“for over a year” (of the Jianghai–Enping cooperation)' },
      { quotes: ['2016年以来'], zh: '2016年以来（提出发展目标）', en: 'since 2016 (the strategy of the district)' },
    ],
  },
  {
    kind: { zh: '名称、标题中的数字', en: 'Numbers in names and titles' },
    items: [
      {
        quotes: ['百县千镇万村高质量发展工程', '百千万工程'],
        zh: '“百县千镇万村高质量发展工程”（“百千万工程”）',
        en: 'the “Hundred Counties, Thousand Towns, Ten Thousand Villages” programme (“百千万工程”)',
      },
      { quotes: ['党的二十大'], zh: '党的二十大', en: 'the 20th Party Congress' },
      {
        quotes: ['《2023年广东省中小企业特色产业集群拟认定名单》'],
        zh: '《2023年广东省中小企业特色产业集群拟认定名单》',
        en: 'the 2023 provincial list of SME specialty clusters',
      },
      { quotes: ['三大战略性新兴产业'], zh: '三大战略性新兴产业', en: 'the three strategic emerging industries' },
      { quotes: ['“1+3+2”'], zh: '“1+3+2”现代化产业体系', en: 'the “1+3+2” modern industrial system' },
      { quotes: ['“五位一体”'], zh: '“五位一体”安全应急产业', en: 'the “five-in-one” safety and emergency industry' },
      { quotes: ['两天一夜游'], zh: '“蓬江—江海—恩平两天一夜游”', en: 'the “two days, one night” tour of Pengjiang, Jianghai and Enping' },
      { quotes: ['首个数据要素服务站'], zh: '江门市首个数据要素服务站', en: 'Jiangmen’s first data-element service station' },
      { quotes: ['第一辑'], zh: '《龙溪遗稿（第一辑）》', en: 'volume one of the Longxi manuscripts' },
      { quotes: ['五邑路'], zh: '五邑路', en: 'Wuyi Road' },
      { quotes: ['五大祠'], zh: '五大祠', en: 'the Five Ancestral Halls' },
      { quotes: ['高新区第一小学'], zh: '高新区第一小学（校名）', en: 'High-tech Zone No. 1 Primary School (its name)' },
      { quotes: ['三菱空调'], zh: '三菱空调（企业名）', en: 'Mitsubishi air conditioners (a firm’s name)' },
    ],
  },
  {
    kind: { zh: '地方与各方的个数', en: 'How many places and parties' },
    items: [
      { quotes: ['两地'], zh: '两地', en: 'the two places (Jianghai and Enping)' },
      { quotes: ['三地'], zh: '三地', en: 'the three places (Pengjiang, Jianghai and Enping)' },
      { quotes: ['三方'], zh: '三方（签订合作框架协议）', en: 'the three parties to the data agreement' },
      { quotes: ['两所新学校'], zh: '两所新学校', en: 'the two new schools' },
    ],
  },
  {
    kind: { zh: '外海街道庆“七一”活动', en: 'The Waihai Subdistrict event for 1 July' },
    items: [
      { quotes: ['百余名'], zh: '百余名（受邀者）', en: '“over 100” invitees' },
      { quotes: ['16名'], zh: '16名（听讲者）', en: '16 listeners' },
      { quotes: ['80余幅'], zh: '80余幅（书画作品）', en: '“over 80” works of calligraphy and painting' },
      { quotes: ['20余名'], zh: '20余名（学生代表）', en: '“over 20” pupils' },
    ],
  },
];

/** The sentence before the table: how many figures it lists and what about, and that every other number follows. */
export function coverageSentence(figures: number, lang: Lang): string {
  return lang === 'zh'
    ? `下表列出该版报道公布的${figures}个数字，涉及新一代电子信息产业集群（含2004年获评国家电子信息产业基地）、重点建设项目、两所新建小学、三家企业在恩平的投资，以及江海—恩平协作中的结对村和人员交流。报道中其余的数字都不在表中，全部列举如下（“一批”“千家万户”之类的词语不计）：`
    : `The table lists the ${figures} figures the page publishes about the new-generation electronic-information cluster (its 2004 designation as a national base included), the key construction projects, the two new primary schools, three firms’ investments in Enping, and the paired villages and staff exchanges of the Jianghai–Enping cooperation. Every other number on the page is left out of it; here is the complete list (words such as 一批 “a batch” or 千家万户 “every household” are not counted):`;
}
