"""English (pinyin) names for the bundled GB/T 2260 table (issue 17).

Run:
    python3 -m venv /tmp/pyenv && /tmp/pyenv/bin/pip install pypinyin==0.55.0
    /tmp/pyenv/bin/python scripts/reference/romanise-regions.py
    scripts/embed-reference.sh

Reads  datasets/reference/gb2260-2023.tsv
Writes datasets/reference/gb2260-pinyin-2023.tsv  (Code, Name, English)

How a name is romanised (after the Hanyu Pinyin rules of GB/T 16159-2012
and the usage of the NBS's English-language statistical yearbooks):
  - the specific part (专名) in pinyin without tones, one word, first letter
    capital, an apostrophe before a syllable that starts with a, o or e
    (Xi'an, Lu'an); the generic part (通名) in English:
    provinces and province-level cities: the specific name alone (Guangxi,
    Beijing); prefecture-level cities: the specific name (Nanning);
    地区 Prefecture, 自治州 Prefecture, 盟 League; county level: 区 District,
    县 County, 市 City, 旗 Banner, 自治县 Autonomous County, 自治旗
    Autonomous Banner, 林区 Forestry District, 特区 Special District;
  - ethnic group names in autonomous units are left out of the short name
    (恩施土家族苗族自治州 → Enshi Prefecture);
  - pinyin from pypinyin 0.55.0 (its phrase dictionary resolves most
    place-name readings: 六安 Lu'an, 蚌埠 Bengbu, 丽水 Lishui), run on the
    whole name for context, then CORRECTIONS below, each a place-name reading
    checked against the GB/T 2260 romanisation or the place's own usage;
  - fixed names: 陕西 Shaanxi (official spelling to tell it from 山西 Shanxi),
    内蒙古 Inner Mongolia, 西藏 Tibet, 香港 Hong Kong, 澳门 Macao.
County-level names are machine romanised and not each checked by hand;
the report shows the Chinese name beside them where space allows.
"""
import csv, re, sys
from pypinyin import lazy_pinyin

SRC = "datasets/reference/gb2260-2023.tsv"
OUT = "datasets/reference/gb2260-pinyin-2023.tsv"

FIXED = {"陕西省": "Shaanxi", "内蒙古自治区": "Inner Mongolia", "西藏自治区": "Tibet",
         "香港特别行政区": "Hong Kong", "澳门特别行政区": "Macao", "台湾省": "Taiwan",
         "神农架林区": "Shennongjia Forestry District"}

# Characters whose place-name reading differs from pypinyin's everyday one
# wherever they occur (长 chang: 长沙, 长洲, 天长 — 长子 is a CORRECTION below).
CHARACTERS = {"长": "chang", "都": "du", "乐": "le", "曾": "zeng", "尾": "wei", "圩": "xu"}

# Readings pypinyin gets wrong for these place names (specific part → syllables).
CORRECTIONS = {
    "长治": "chang zhi", "长子": "zhang zi", "朝阳": "chao yang", "单": "shan", "浚": "xun",
    "涡阳": "guo yang", "洪洞": "hong tong", "番禺": "pan yu", "大埔": "da bu", "乐亭": "lao ting", "乐清": "yue qing",
    "乐陵": "lao ling", "尉犁": "yu li", "蔚": "yu", "繁峙": "fan shi", "栟茶": "bing cha",
    "厦门": "xia men", "台州": "tai zhou", "天台": "tian tai", "亳州": "bo zhou", "莘": "shen",
    "筠连": "jun lian", "珙县": "gong xian", "犍为": "qian wei", "阆中": "lang zhong", "郫都": "pi du",
    "六合": "lu he", "六安": "lu an", "铅山": "yan shan", "婺源": "wu yuan", "枞阳": "zong yang",
    "歙": "she", "黟": "yi", "东阿": "dong e", "荥阳": "xing yang", "荥经": "ying jing",
    "泌阳": "bi yang", "沈丘": "shen qiu", "睢县": "sui xian", "睢宁": "sui ning", "濉溪": "sui xi",
    "藁城": "gao cheng", "蚌山": "beng shan", "长寿": "chang shou", "长安": "chang an",
    "会理": "hui li", "会泽": "hui ze", "会宁": "hui ning", "会同": "hui tong", "会昌": "hui chang",
    "曲阜": "qu fu", "曲靖": "qu jing", "曲阳": "qu yang", "曲沃": "qu wo", "曲周": "qu zhou",
    "盱眙": "xu yi", "栾川": "luan chuan", "柞水": "zha shui", "解放": "jie fang",
    "铜梁": "tong liang", "黄陂": "huang pi", "宁蒗": "ning lang", "珲春": "hun chun",
    "大通": "da tong", "华容": "hua rong", "华阴": "hua yin", "华县": "hua xian", "华州": "hua zhou",
    "重庆": "chong qing", "巴塘": "ba tang", "查": "zha", "雅江": "ya jiang", "覃塘": "qin tang", "闵行": "min hang", "康巴什": "kang ba shi", "万柏林": "wan bai lin",
    "乐都": "le du", "都安": "du an", "都匀": "du yun", "都昌": "du chang", "成都": "cheng du",
    "宿州": "su zhou", "宿迁": "su qian", "宿松": "su song", "宿豫": "su yu", "宿城": "su cheng",
    "行唐": "xing tang", "吐鲁番": "tu lu fan", "鄯善": "shan shan", "和硕": "he shuo",
    "莎车": "sha che", "伽师": "jia shi", "阿": "a", "拜城": "bai cheng", "柏乡": "bai xiang",
}

ETHNIC = ("土家族 苗族 藏族 彝族 蒙古族 回族 壮族 朝鲜族 哈萨克族 柯尔克孜族 傣族 白族 哈尼族 景颇族 傈僳族 "
          "布依族 侗族 羌族 黎族 瑶族 满族 畲族 仡佬族 水族 土族 撒拉族 保安族 东乡族 裕固族 纳西族 普米族 怒族 "
          "独龙族 佤族 拉祜族 布朗族 阿昌族 德昂族 基诺族 毛南族 仫佬族 京族 锡伯族 达斡尔族 鄂温克族 鄂伦春族 "
          "赫哲族 塔吉克族 乌孜别克族 俄罗斯族 塔塔尔族 维吾尔族 门巴族 珞巴族 各族").split()

def level(code):
    if code.endswith("0000"): return "province"
    if code.endswith("00"): return "city"
    return "county"

# Longest generic suffix first.
GENERIC = {
    "province": [("特别行政区", ""), ("维吾尔自治区", ""), ("回族自治区", ""), ("壮族自治区", ""), ("自治区", ""), ("省", ""), ("市", "")],
    "city": [("自治州", " Prefecture"), ("地区", " Prefecture"), ("盟", " League"), ("市", "")],
    "county": [("自治县", " Autonomous County"), ("自治旗", " Autonomous Banner"), ("特区", " Special District"), ("新区", " New Area"), ("区", " District"), ("县", " County"), ("市", " City"), ("旗", " Banner")],
}

def syllables(name):
    """Pinyin syllables of `name`, one per character; corrections win."""
    out = lazy_pinyin(name, errors=lambda s: list(s))
    for i, c in enumerate(name):
        if c in CHARACTERS: out[i] = CHARACTERS[c]
    for word, reading in CORRECTIONS.items():
        parts = reading.split()
        if len(parts) != len(word):  # one syllable per character
            sys.exit(f"correction {word}: {reading}")
        start = name.find(word)
        while start >= 0:
            out[start:start + len(word)] = parts
            start = name.find(word, start + 1)
    return out

def word(sylls):
    text = ""
    for i, s in enumerate(sylls):
        s = s.replace("v", "ü")
        if i > 0 and s[:1] in ("a", "o", "e"):
            text += "'"
        text += s
    return text[:1].upper() + text[1:]

def english(code, name):
    if name in FIXED: return FIXED[name]
    lv = level(code)
    if name.endswith("市辖区") or name == "县" or name == "省直辖县级行政区划":
        return ""
    stem, generic = name, ""
    for zh, en in GENERIC[lv]:
        # A one-character specific name keeps its generic in pinyin (城区 Chengqu,
        # 清新区 Qingxin District: 新 belongs to the name, not to 新区 New Area).
        if name.endswith(zh) and len(name) - len(zh) >= 2:
            stem, generic = name[: -len(zh)], en
            break
    # Leave out ethnic group names: the specific name is what precedes the first one.
    cut = min((stem.find(e) for e in ETHNIC if stem.find(e) > 0), default=len(stem))
    stem = stem[:cut]
    sylls = syllables(name)[: len(stem)]
    if any(not s.isascii() for s in sylls):
        sys.exit(f"{code} {name}: no pinyin for {sylls}")
    return word(sylls) + generic

rows = []
with open(SRC, encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        en = english(r["Code"], r["Name"])
        if en: rows.append((r["Code"], r["Name"], en))
with open(OUT, "w", encoding="utf-8", newline="") as f:
    f.write("Code\tName\tEnglish\n")
    for r in rows: f.write("\t".join(r) + "\n")
print(f"wrote {OUT}: {len(rows)} names")
