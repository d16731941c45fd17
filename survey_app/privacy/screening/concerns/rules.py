"""The safeguarding rules: each names a category, a rule id the lead sees in the queue, and a pattern.

Patterns read folded text (fold.py) after harmless idioms are blanked. ``{NAME}`` is a word list from
vocabulary.py; ``~N`` is a gap of up to N characters inside one clause (no comma or full stop) and
``~~N`` a gap of up to N characters inside one sentence (commas allowed). Most rules combine an actor,
an act and a victim, so a harm word alone is not enough, and an act no word list foresaw can still be
caught by its shape (被 + act, 把 + victim + act, "不 ... 就 ..." threats).

``family`` picks the guards that can excuse a hit (guards.py): physical harm is excused by play, sport,
stories, negation and problems that were sorted out; neglect is never excused by negation, because
"没人管我" *is* the disclosure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocabulary

_CLAUSE_CHARS = r"[^，。！？；：,.!?;:\n]"
_SENTENCE_CHARS = r"[^。！？.!?\n]"


@dataclass(frozen=True)
class Rule:
    category: str
    name: str
    family: str
    pattern: str


def expand(pattern: str) -> str:
    """Replace ``{NAME}`` with its word list and ``~N`` / ``~~N`` with bounded gaps."""
    pattern = re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{getattr(vocabulary, m.group(1))})", pattern)
    pattern = re.sub(r"~~(\d+)", lambda m: f"{_SENTENCE_CHARS}{{0,{m.group(1)}}}?", pattern)
    return re.sub(r"~(\d+)", lambda m: f"{_CLAUSE_CHARS}{{0,{m.group(1)}}}?", pattern)


def _physical(category: str, actor: str, victim: str = "{VICTIM}") -> list[Rule]:
    """Actor + act + victim, in the three shapes Chinese uses: active, 把-fronted and passive."""
    return [
        Rule(category, f"{actor.lower()}_act_victim", "physical", f"{{{actor}}}~12{{HIT}}~3{victim}{{HARMLESS_AFTER}}"),
        Rule(category, f"{actor.lower()}_ba_victim", "physical", f"{{{actor}}}~8把{victim}(?:的?{{BODY}})?~8{{HIT}}"),
        Rule(category, f"passive_by_{actor.lower()}", "physical", f"被~3{{{actor}}}~8{{HIT}}"),
    ]


RULES: tuple[Rule, ...] = (
    # --- violence a child witnesses at home (before home violence: 我爸打我妈 is about the mother) ---
    Rule("witnessed_violence", "kin_act_parent", "physical", "{KIN}~12{HIT}~3{HOME_VICTIM}(?!们)"),
    Rule("witnessed_violence", "kin_ba_parent", "physical", "{KIN}~8把{HOME_VICTIM}~8{HIT}"),
    Rule("witnessed_violence", "parent_passive", "physical", "{HOME_VICTIM}被~4{KIN}~6{HIT}"),
    Rule("witnessed_violence", "weapon_at_parent", "physical",
         "(?:拿|用)(?:刀|剪刀|菜刀|棍子)~4(?:对着|指着|砍|捅)"
         "|{KIN}~10(?:拿|动|举|抄起)(?:刀|菜刀|剪刀|棍子|凳子|刀子)"
         "|(?:吵|砸|打|摔|推)~~12{HOME_VICTIM}~3(?:流血|受伤|住院)|听到~2{HOME_VICTIM}~2(?:哭|惨叫|喊救命)"),
    Rule("witnessed_violence", "fights_at_home", "physical",
         "(?:家里|家|在家)~8(?:打架|摔碗|摔东西|砸东西|动手|打起来)"),
    Rule("witnessed_violence", "cover_story", "physical",
         "(?:说|就说|假装)是~4(?:自己摔|摔的|撞到|撞的|不小心|车祸)|假装没看见|让我别乱说|不让我开门"),
    Rule("witnessed_violence", "injury_by_kin", "physical",
         "(?:伤|伤痕|伤口|印子|淤青|疤|血)~6是~2{ANYONE}~3(?:弄|打|掐|烫|抽|踢|划|咬|推)的"),
    # --- physical harm by family, teachers and coaches, peers, anyone ---
    Rule("home_violence", "afraid_of_home", "physical",
         "(?<![不没害])(?:害怕|怕|不敢)回家|不想回家~~10(?:怕|打|骂)|家暴|虐待"),
    *_physical("home_violence", "KIN"),
    *_physical("corporal_punishment", "AUTH"),
    *_physical("bullying_threats", "PEER"),
    *_physical("physical_harm", "STRANGER"),
    *_physical("physical_harm", "PRONOUN"),
    Rule("physical_harm", "passive", "physical", "被(?:人)?~2{HIT_ALONE}"),
    Rule("physical_harm", "act_on_child", "physical", "{HIT_ALONE}(?:了|过|着)?(?:{ME}){HARMLESS_AFTER}"),
    Rule("physical_harm", "threat_to_kill", "threat", "{KILL}(?:{VICTIM}|你)|要~6(?:打断|划花|毁了|弄残|杀)"),
    Rule("physical_harm", "weapon", "physical", "(?:用|拿)~2{WEAPON}~6{HIT}"),
    Rule("physical_harm", "injury_result", "physical",
         "{HIT}(?:得|到)~8(?:住院|流血|流鼻血|站不起来|断|骨折|晕|肿)|{HIT}断|青一块紫一块"),
    Rule("physical_harm", "injuries_seen", "injury",
         "(?:身上|手上|脸上|腿上|背上|胳膊上|脖子上)~6(?:都是|全是|有很多|很多|好多)~2(?:伤|淤青|伤痕|血|疤|印子)"),
    Rule("corporal_punishment", "punishment", "physical",
         "体罚|罚跪|跪在~6(?:讲台|门口|地上)|打手板|打手心|打屁股|扇~6耳光|耳光|拧~2耳朵|揪~3头发|打是亲|打是为我好"
         "|不准吃饭|不让~2吃饭|不给~2饭吃|互相扇|(?:打|扇)~3巴掌|一巴掌"
         "|{AUTH}~6罚~12(?:不准|不许|晕|吐|一整天|一晚上|到半夜|流血)"),
    # --- bullying, threats and extortion (online too) ---
    Rule("bullying_threats", "cornered", "physical", "(?:堵|拦住?|拦着|围住|围着|截住)(?:{VICTIM}|在)"),
    Rule("bullying_threats", "extortion", "threat",
         "(?:向|跟|找|问){VICTIM}要钱|抢~3(?:钱|手机|东西|零花钱)|保护费|勒索|敲诈|交出来|(?:给|交|转)~8(?:钱|块)~~10(?:不然|否则|就)"
         "|(?:不给|不交|不转)~8就"),
    Rule("bullying_threats", "forced", "threat",
         "(?:逼|强迫|让|叫|要)(?:{VICTIM})~8(?:跪|喝~3(?:厕所|尿|脏水)|吃~3(?:垃圾|虫|屎|纸)|脱|舔|叫爸爸|学狗叫)"),
    Rule("bullying_threats", "confined", "physical",
         "(?:被|把{VICTIM})~8(?:锁|关)(?:在|进)|(?:锁|关)在(?:门外|外面|厕所|器材室|房间|柜子|小黑屋|阳台)"),
    Rule("bullying_threats", "conditional_threat", "threat",
         "(?:不|没|如果|要是|再|敢)~~16就~2(?:{HIT_ALONE}|{KILL}|把{VICTIM}|叫人|找人|不让{ME})"
         "|(?:不|如果|要是|除非|不然|否则)~~16就~4(?:{PUBLISH}|告诉所有人|告诉{FAMILY}|让所有人|让大家|公开|曝光)"),
    Rule("bullying_threats", "death_wish", "threat",
         "(?:写|说|叫{ME}|让{ME}|骂{ME})~4去死|不配活|最该死|该死的人|活着就是浪费|浪费空气"),
    Rule("bullying_threats", "online_abuse", "threat",
         "(?:网上|群里|私信|抖音|视频|qq|微信)~8骂{ME}|骂{ME}~6(?:去死|不配|该死|垃圾|废物)|人肉|地址发出去"),
    Rule("bullying_threats", "isolated", "threat",
         "被~4孤立|孤立{ME}|被~4排挤|谁跟{ME}~4就打|(?:全班|大家|所有人)都不理{ME}|没人跟{ME}玩"),
    Rule("bullying_threats", "bullied", "threat",
         "欺负(?:{VICTIM})|被~4欺负|霸凌|欺凌|校园暴力|(?:威胁|恐吓|吓唬|要挟)(?:{VICTIM})|收拾(?:{VICTIM})|让{ME}等着|让{ME}好看|要{ME}好看|算账|被~4(?:威胁|恐吓|要挟|勒索)"
         "|(?:往|朝)(?:{VICTIM})~6(?:吐口水|泼水|扔|倒)|说{ME}是(?:垃圾|废物|猪|野种|怪物|贱)|(?:p|ps)~2{ME}的?照片|造谣|建群骂"),
    Rule("bullying_threats", "sexual_harassment", "sexual",
         "扯~2(?:{VICTIM})?的?(?:内衣|内裤|裤子|裙子)|掀~2裙子|脱(?:{VICTIM})的?(?:裤子|衣服)"),
    Rule("bullying_threats", "damage", "threat",
         "(?:剪|烧|撕|扔)(?:{ME})的?(?:头发|衣服|书包|作业|书|东西)"
         "|把{ME}的?(?:书包|东西|作业|书|鞋|衣服|文具|头发)~6(?:扔|撕|剪|烧|藏|踩|丢)|(?:头发|衣服|书包)被~8(?:剪|烧|撕|扯|扔)"
         "|故意~4(?:把{ME})?~4(?:{HIT})|把{ME}(?:推倒|推下|绊倒|踢倒|打倒|按倒)"),
    Rule("physical_harm", "ba_child", "physical",
         "把{ME}(?:的?{BODY})?~8(?:{HIT_ALONE}|推倒|推下|按在|按进|关在|锁在)"),
    # --- blackmail ---
    Rule("blackmail", "threat_to_publish", "threat",
         "(?:不|如果|要是|除非|只要|不然|否则|威胁|要挟)~~20(?:{MEDIA})~~12(?:{PUBLISH})"
         "|(?:{MEDIA})~~12(?:{PUBLISH})~~12(?:不然|否则|除非)"),
    Rule("blackmail", "media_threat", "threat", "(?:{MEDIA})~6(?:威胁|要挟|勒索)|(?:威胁|要挟|勒索)~6(?:{MEDIA})"),
    Rule("blackmail", "more_photos", "threat", "再拍~~8就~6删|删掉~~10再(?:拍|发)"),
    Rule("blackmail", "sensitive_media", "sexual",
         "裸照|裸体|私密照|私照|不穿衣服|没穿衣服|洗澡的?(?:视频|照片)|换衣服的?(?:视频|照片)|私密照片"),
    Rule("blackmail", "scam_threat", "threat",
         "冒充~6(?:警察|老师)|黑了{ME}的?(?:手机|号|账号)|(?:说|自称)~2他?是警察~~20(?:转|钱|抓)|不然就抓~2(?:爸妈|家人|{ME})"
         "|钱~4转给他|偷偷~6(?:转|钱)"),
    # --- grooming ---
    Rule("grooming", "secrecy", "sexual",
         "(?:我们|我们俩|我俩)的~2秘密|(?:这|说)是~4秘密|小秘密|要保密|陪他玩~~12(?:给|秘密)"
         "|(?:让|叫|说|要|求)~3(?:{VICTIM})?~2(?:不要|不能|不可以|不许|不准|别)(?:{TELL})~6(?:{FAMILY})"
         "|不让(?:{VICTIM})(?:{TELL})~6(?:{FAMILY})|(?:说|让|叫|要|求)~~20(?:不要|不能|不可以|不许|不准|别)(?:{TELL})~4(?:{PARENT}|家人|家里|老师)|偷偷(?:聊|见|联系|来往)|不会被~4(?:爸|妈|家人)~2看到"),
    Rule("grooming", "gifts_with_strings", "sexual",
         "(?:给|送|买|寄)~3(?:{ME})?~8(?:{GIFT})~~16(?:秘密|别告诉|陪他|跟他去|见面|单独|照片|没人的地方|车里|他家|偷偷)"
         "|(?:{GIFT})~~12(?:陪他|跟他去|单独|没人的地方|车里坐)"),
    Rule("grooming", "photo_request", "sexual",
         "(?:让|叫|要|问)~3(?:{VICTIM})~6(?:发|拍|给)~6(?:照片|自拍|视频|相片)|要(?:{VICTIM})的照片|摄像头对着|开视频给他"),
    Rule("grooming", "meet_request", "sexual",
         "(?:要|让|叫|约)(?:{VICTIM})?~4(?:出去|见面|单独|去他家|去她家|去找他|去酒店|跟他走|上车|去没人的地方|一个人去)"
         "|(?:网友|陌生人|网上)~6(?:约|叫|带)~3(?:出去|见面)|买飞机票|跟他走"),
    Rule("grooming", "touching", "sexual",
         "(?:{AUTH}|{STRANGER}|继父|后爸|叔叔|舅舅|表哥|哥哥)~10(?:摸|亲|抱|碰)(?:{VICTIM})"
         "|(?:摸|碰|亲)(?:{VICTIM})的?(?:腿|大腿|胸|屁股|下面|身体|腰|隐私)|检查~3身体|身体的问题"
         "|(?:晚上|半夜)~4(?:进|来)(?:{VICTIM})的?房间|钻进{ME}的?(?:被子|被窝|房间)|上{ME}的?床|扒~4(?:裤子|衣服|裙子)|(?:裤子|衣服|裙子)~3扒"
         "|脱{ME}的?(?:衣服|裤子)|问{ME}~4(?:穿什么|内衣|身材|胸)|(?:如果|只要){ME}听话就|让{ME}去他的?(?:办公室|家|宿舍|车上)"),
    Rule("grooming", "sexual_abuse", "sexual",
         "性侵|强奸|猥亵|非礼|性骚扰|骚扰(?:{VICTIM})|侵犯(?:{VICTIM})|裸聊|开房|宾馆|酒店~4(?:过夜|住)|黄色(?:视频|图片|网站)"
         "|不好的视频|看他的?(?:身体|下面)|脱~2衣服|内衣~4颜色|叫{ME}宝贝|之间的事|删掉?~4聊天记录|聊天记录~4删|(?:来|上|爬)~2{ME}的?床|手放在{ME}的?(?:腿|大腿|胸|屁股|腰|身上)"),
    Rule("grooming", "flattery", "sexual",
         "(?:说|夸){ME}~3(?:成熟|漂亮|性感|身材)|当他的?(?:女朋友|男朋友|老婆)|叫他(?:老公|老婆)|娶{ME}|嫁给他|特别的朋友|最喜欢的学生~~12(?:一个人|单独|他家)"),
    Rule("grooming", "alone_with_adult", "sexual",
         "单独(?:留下|去|跟|陪|给他|和他)|关上门|关了灯|小号~~12(?:聊天|爸妈)|私聊~6(?:单独|跳舞|照片)"),
    # --- followed or watched ---
    Rule("followed_watched", "followed", "followed",
         "(?:{STRANGER}|他|{VEHICLE})~12(?:跟着|跟踪|尾随|跟了|跟在)(?:{VICTIM})?|跟踪|尾随|(?:跟|开|走)在{ME}后面|跟{ME}~3(?:回家|上楼|到家)"),
    Rule("followed_watched", "waits_for_child", "followed",
         "(?:{STRANGER}|他)~16等(?:{VICTIM})|蹲~6(?:等|晚上)|(?:{STRANGER})~6在~12等着?(?:{VICTIM}|跟{ME}|{ME})"),
    Rule("followed_watched", "watched", "followed",
         "(?:{STRANGER}|他)~10(?:看着|盯着|偷看)(?:{VICTIM})|看我家~2(?:窗户|房间|门口)|看我~2房间|望远镜|晃来晃去"
         "|知道我家?(?:住哪|在哪|坐哪)|问{ME}是不是~6班"),
    Rule("followed_watched", "taken", "followed",
         "(?:拉|拽|抱|带|骗){ME}~3(?:上车|走|去他|到他)|把{ME}~2(?:拉|拽|抱|带|骗)(?:上~2车|上他|走|进~2车|进他)|(?:拉|拽|抱|带|骗){ME}进(?:里屋|房间|屋|车|厕所|他)"
         "|(?:抓住|拉住|拽住|抱住){ME}~6(?:往|进|上|走)|往~4(?:巷子|车|里屋|没人)~2(?:拉|拽|拖)|(?:门上|家门)~6(?:记号|画)|转门把手|撬门|(?:陌生人|不认识的人|{STRANGER})~10(?:要带{ME}|拉{ME}|抱走|带走)"
         "|定位|知道{ME}~4(?:几点|每天|放学)|在{ME}家门口~4(?:转|晃|等|站)"),
    Rule("followed_watched", "photographed", "followed",
         "偷拍|拍{ME}们?~4(?:的腿|裙底|照片)|(?:不认识|陌生)~6拍|发了{ME}~8照片|拍~4女生的(?:腿|裙)"),
    # --- neglect ---
    Rule("neglect", "no_food", "neglect",
         "没(?:有)?(?:吃的|饭吃|东西吃)|没有?饭(?!店|馆|堂)|冰箱~4(?:空|没)|只吃(?:这一顿|面包|饼干)|(?:好几天|几天|一天)没吃|没吃一顿"
         "|每天吃面包|饿~4(?:好几天|一天|肚子)~~8(?:没人|家里)"),
    Rule("neglect", "left_alone", "neglect",
         "(?:一个人|自己)在家~~20(?:几天|好几天|晚上|没人|不回来|没吃|不敢)|(?:{PARENT})~6(?:出去|不在|没回来|还没回来|不回来)"
         "~~10(?:几天|好几天|一个月|十一点|半夜|不回)|家里~4(?:就{ME}一个|没有?人(?!{HIT}|伤害|欺负|骂|威胁)|没有大人)|(?:几|两|三|四|五|好几|很多)天~8(?:一个人|自己在家|没人)|没有大人(?:在家|回来|管|照顾)|好几天没回家|几天没回来|一整晚都?不回|一个月才回|家经常没人"
         "|(?:照顾|带)~6(?:弟弟|妹妹)~~12(?:不能|没法)~2上学|不能来上学|没法上学|没人找{ME}|过夜~~10没人"
         "|(?:看不清|眼镜|看病|医院|药)~~16(?:别烦|不管|没钱|不给)|睡在楼道|门也打不开|一放假家里就没人|回家没人|家里就{ME}"
         "|(?:{PARENT})~3(?:还没回来|没回来|不回来|不回家)~~12(?:不敢|怕|饿|好几天|几天|一个人)"
         "|(?:一个人|不敢|怕)~~16(?:{PARENT})~3(?:还没回来|没回来|不回来)"),
    Rule("neglect", "no_care", "neglect",
         "没人(?:管(?!理)|照顾|理{ME}|做饭|接)|不带{ME}去(?:看|医院|配)|没钱看(?:病|医生)|不用去医院|忍忍就好|一直没去看"
         "|没(?:有)?药|不接电话|她不接|生病~6没人|发(?:高)?烧~~12(?:不去医院|不用去|没人)|流脓|没去医院"),
    Rule("neglect", "uncared", "neglect",
         "没人(?:做饭|陪|关心|在乎|签字)|吃不饱|饿肚子|经常饿|饿了~4(?:几天|一天|好久)|没钱吃饭|留守|不管{ME}|不管~2死活"
         "|(?:赶出|锁在|关在)~2(?:家门|门外|外面)|不让{ME}进(?:门|家)|睡在外面|喝(?:醉|酒)~~10(?:不回家|不管)|不给{ME}(?:饭|吃|买)"
         "|没有(?:厚衣服|被子)|很冷~6没有|虱子|身上很脏|没人洗衣服|(?:牙|肚子|头)疼~~10(?:没人|不带|没去)"),
    Rule("neglect", "squalor", "neglect",
         "没洗澡|没有热水|被子很脏|校服~4没洗|睡在地上|停电停水|没有自己的床|没人洗"),
    # --- self-harm and suicidal thoughts, direct and indirect ---
    Rule("self_harm", "wish_to_die", "self_harm",
         "(?<![不没])想死|不想活|活着没(?:意思|意义)|活着~3累|活不下去|不想再?(?:生存|活)|自杀|轻生|寻死|结束~4生命"
         "|一了百了|(?:离开|告别)~2这个世界|(?:从|在)这个世界~2消失|想消失|{ME}~4不存在|想~2不存在|(?:如果|要是){ME}不在了|死了(?:算了|就好)"),
    Rule("self_harm", "imagines_death", "self_harm",
         "(?:要是|如果){ME}?~6(?:掉下去|跳下去|死了|不在了|消失)|跳(?:下去|楼)|从楼顶|站在楼顶|遗书|没有{ME}~6更好"
         "|{ME}(?:打算|准备|决定)~8走|不想再?醒|睡过去不醒|{ME}不配活"),
    Rule("self_harm", "hopeless", "self_harm",
         "撑不下去|坚持不下去|活着(?:干嘛|有什么意思|好累|太累)|{ME}是(?:多余的|累赘|负担)|消失就好|死了就~2(?:解脱|好了|轻松)"
         "|解脱|睡~4不醒|再也不醒|不要醒|别再醒|醒不过来就好|反正~4(?:看不到|用不到|不在了|快不在|活不了|没有以后)|快不在了|不再醒来|永远睡|以后~4(?:用不上|用不到|不需要了|见不到)|东西都送~3(?:给|人)|写好了~8信"
         "|不用再上学|活着~2没有?(?:意思|意义)|去天堂|生不如死|死掉算了|不想存在|永远离开|遗言|后事|最后一次~6(?:再见|见你们)|再见了~4(?:大家|世界)"
         "|跳(?:河|江|海|湖)|上吊|卧轨|烧炭|{ME}恨{ME}自己|没人在乎{ME}死"),
    Rule("self_harm", "self_injury", "self_harm",
         "(?:割|划|刻|伤害|撞|打|扎|戳|烫|掐|咬|饿死|饿|弄伤)(?:自己|手腕|腕)|割~2手|划~2手臂|自残|(?:伤|伤口|疤)~4(?:是)?{ME}自己(?:弄|割|划)"
         "|往墙上撞|撞墙|(?:攒|存)了?~4药|吃了?~6(?:安眠药|一整瓶药|好多药|很多药|一瓶药|好多片)|吃多少~6(?:睡|死|醒)"),
    # --- English (folded: lower case, contractions expanded) ---
    Rule("english", "en_suicidal", "self_harm",
         r"\b(?:kill|killing|end|ending|hurt|hurting|cut|cutting)\s?my\s?self|\bsuicid|\bwant(?:ed|s)?\sto\s(?:die|disappear|end\sit)"
         r"|\bdo\snot\swant\sto\s(?:be\salive|live|exist|wake\sup|be\shere)|better\sof+\swithout\sme|disappear\sforever"
         r"|\bend\s(?:it\sall|my\slife)|\bcut\smy\s(?:arm|wrist|leg|skin)|took\s(?:a\slot\sof|too\smany|all|lots\sof)\s\w*\s?pills"
         r"|\b(?:happier|better)\s(?:of+\s)?if\si\s(?:was|were|am)\s(?:gone|dead|not\shere)|\bif\si\sdisappeared|\boverdose|\bself\s?harm|\bno\sreason\sto\slive|\bwish\si\s(?:was|were)\sdead"),
    Rule("english", "en_hurt", "physical",
         r"\b(?:hits?|hitting|slaps?|slapping|beats?|beating|beat|hurts?|hurting|kicks?|kicking|punch(?:es)?|chokes?|burns?"
         r"|whips?|pushe?s?|pushed|slapped|kicked|punched|choked|burned)\s(?:me|us|my\s(?:sister|brother|mum|mom))\b"
         r"|\bhurt\sme\b|\bwith\sa\s(?:belt|stick|shoe)|\bbruises|\blocks?\sme\s(?:out|in)|\bwill\shurt\sme"
         r"|\b(?:mum|dad|he|she)\sdid\sit"),
    Rule("english", "en_more_harm", "physical",
         r"\b(?:smacks?|smacked|throws?\s\w+\sat\sme|yells?\sand\shits?)\b|\bget\s(?:beaten|hit)|\bgot\sbeaten|\bwas\s(?:beaten|hit)\b"
         r"|\bbull(?:y|ies|ied|ying)\s(?:me|us|him|her)|\b(?:get|got|being)\sbullied|\bthreaten(?:s|ed)?\s(?:me|to)"
         r"|\b(?:going\sto|will|gonna)\skill\sme|\bscared\sof\smy\s(?:dad|mum|step)|\bstalk(?:s|ed|ing|er)"
         r"|\b(?:man|guy|someone|somebody|stranger|person|lady|woman|car|van|he|they)\s(?:\w+\s){0,3}?follow(?:s|ed|ing)\sme\b|\bwaiting\s(?:outside|for\sme)|\bhate\smy\slife|\bkicked\sme\sout|\bsleep\soutside"
         r"|\bhungry\sall\sthe\stime|\bno\sone\sis\shome|\bnobody\sis\shome|\basked\s(?:me\s)?(?:for|to\ssend)\s\w*\s?photos"
         r"|\bblackmail|\bsend\snudes|\bhang\smyself|\bjump\soff|\bsuicidal|\bnot\sbe\shere\sanymore|\bno\spoint\s(?:living|in\sliving)"),
    Rule("english", "en_unsafe_home", "neglect",
         r"\bnot\s(?:feel\s)?safe\sat\shome|\bno\sfood|\bhave\snot\seaten|\bleave\sme\salone\sfor|\bnobody\stakes\sme"
         r"|\b(?:does|do|did)\snot\s(?:give|feed)\sme\s(?:any\s)?(?:food|dinner|lunch|breakfast)|\bno\sone\s(?:takes|feeds|looks\safter)|\balone\sfor\sdays|\bafraid\sto\sgo\shome|\bscared\sto\sgo\shome"),
    Rule("english", "en_grooming", "sexual",
         r"\bmature\sfor\smy\sage|\bmeet\sme\salone|\bwants?\sto\smeet\sme|\bour\s(?:little\s)?secret|\bdo\snot\stell\s(?:my\s|your\s)?(?:mum|dad|parents)"
         r"|\bsend\s(?:him|her|them)\s(?:a\s)?photos|\btouch(?:es|ed)?\sme|\b(?:took|takes|taking)\sphotos\sof\sme"
         r"|\basked\swhere\si\slive|\bknows\swhere\si\slive|\bfollow(?:s|ed|ing)\sme\shome|\bwatching\sme"),
    Rule("english", "en_blackmail", "threat",
         r"\b(?:post|share|send|show)\smy\s(?:nudes|photos|videos|chats)|\bif\si\s(?:do\snot|will\snot)\s(?:send|pay|do)|\bnudes|\b(?:takes|took|steals)\smy\smoney|\bor\selse\b|\bunless\si"),
)

#: Rule families and the guards that may excuse each (see guards.py).
FAMILIES = ("physical", "threat", "sexual", "followed", "neglect", "self_harm", "injury")
