"""The words the safeguarding rules are built from: who acts, what they do, to whom, and the cues that excuse.

Each name is a regex alternation over *folded* text (see fold.py: simplified, Mandarin, lower case).
Longer alternatives come first where one contains another, because Python's regex alternation takes
the first alternative that fits. Rules in rules.py write these as ``{NAME}``.
"""

from __future__ import annotations


def words(text: str) -> str:
    """A whitespace-separated word list as an alternation, longest first."""
    return "|".join(sorted(set(text.split()), key=len, reverse=True))


PARENT = words("""爸爸 爸 妈妈 妈 父亲 母亲 继父 继母 后爸 后妈 后父 后母 养父 养母 老爸 老妈 爹 娘 爹地 妈咪 家长
               爸妈 父母""")
KIN = words(f"""{PARENT.replace('|', ' ')} 大舅 舅 二舅 大伯 叔 姨妈 嫂子 爷爷 奶奶 外公 外婆 姥姥 姥爷 叔叔 舅舅
                伯伯 姑姑 姑父 姨父 舅妈 婶婶 阿姨
            哥哥 哥 姐姐 姐 表哥 堂哥 表姐 家人 家里人 家里有人 家里的人 亲戚 大人 继兄 妈妈的男朋友 二叔""")
#: Adults with authority outside the family.
AUTH = words("""老师 班主任 教练 校长 教官 辅导员 宿管 保安 师傅 先生 主任 家教 指导员 队长 舞蹈老师 补习老师""")
PEER = words("""同学 高年级 学长 学姐 男生 女生 大孩子 他们 她们 几个人 一群人 一帮人 有人 别人 全班 班上的人 班里的人
             室友 同桌 混混 初一的 初二的 初三的 大哥哥 大姐姐 小孩""")
STRANGER = words("""大人 老板 店主 男子 师父 网恋对象 游戏好友 陌生人 陌生的人 不认识的人 男人 女人 男的 女的 叔叔
                    大叔 伯伯 爷爷 老爷爷 老头 阿姨 网友
                    那个人 有个人
                 一个人 大哥哥 大姐姐 哥哥 邻居 保安 司机 人 网上的人 游戏里的人 主播""")
PRONOUN = "他们|她们|他|她|它|ta"
VEHICLE = words("车 车子 白车 黑车 面包车 电动车 摩托车 小车 轿车 出租车 van")
ANYONE = words(" ".join(v.replace("|", " ") for v in (KIN, AUTH, PEER, STRANGER, PRONOUN)))

#: The child (not 我妈 or 我哥: those are OTHER).
ME = "我们|我(?![妈爸哥姐弟妹家奶爷外姥舅叔姑朋同表])|俺|咱们|咱"
#: Someone else the child may be telling about (for "a child telling about another child" and witnessed violence).
OTHER = words("""我妈 我爸 妈妈 妈 爸爸 外婆 奶奶 姐姐 妹妹 弟弟 哥哥 表妹 表弟 表姐 朋友 同学 她 他 孩子 小孩 小女孩
              小男孩 同桌 她妈妈 他妈妈 我姐 我哥 我弟 我妹""")
VICTIM = words(f"{OTHER.replace('|', ' ')} 我们 我 俺 咱们")
#: Victims for violence a child witnesses at home.
HOME_VICTIM = words("我妈 妈妈 妈 我爸 爸爸 外婆 奶奶 她 我奶奶 我外婆 她妈妈 阿姨 舅妈 婶婶 姑姑 姨妈 嫂子 后妈 继母")

BODY = words("""头 脸 手 手臂 胳膊 腿 大腿 背 腰 头发 耳朵 脖子 肚子 身体 屁股 胸 眼睛 嘴 手腕 脚 下面 衣服 内衣 裤子
             裙子 书包 手机 手心 手板 后背 脑袋 后脑勺""")
#: Acts of physical harm. Harmless phrases such as 打球 are blanked before the rules run (IDIOMS).
HIT = words("""打 揍 踢 踹 扇 抽 掐 拧 揪 扯 撞 砸 烫 咬 勒 捆 绑 按 摁 踩 烧 划 刺 砍 捅 泼 鞭 殴打 暴打 毒打 虐待
            体罚 折磨 推 拖 拽 甩 摔 戳 扎 夹 罚跪 关 锁""").replace("|打|", "|打(?!算)|")
#: The acts that are harm on their own, with no actor named ("就踢我们", "又打我").
HIT_ALONE = words("打 揍 踢 踹 扇 掐 拧 烫 砸 勒 虐待 殴打 毒打 暴打 体罚 折磨 鞭打 抽打 掌掴")
#: After "打我" or "推我": 打我电话 (call me), 打我们学校的比赛 (play against us), 推我荡秋千 are not harm.
HARMLESS_AFTER = r"(?![^，。！？,.!?]{0,6}(?:电话|手机|微信|视频|比赛|篮球|足球|球赛|游戏|秋千|荡|转圈|举高))"
KILL = words("打死 弄死 杀了 杀死 掐死 搞死 整死 砍死 捅死 淹死 烧死 勒死 揍死 干掉 废了 打残 弄残")
WEAPON = words("""笔 铅笔 圆规 针 皮带 棍子 棍 衣架 晾衣杆 鞋 拖鞋 烟头 尺子 尺 戒尺 绳子 刀 剪刀 扫把 拖把杆 拖把
                  鸡毛掸子 藤条 木棍
               水管 书本 书 板子 教鞭 电线 开水 热水 打火机 筷子 凳子 椅子 杯子 铁棍 棒子 衣服架""")
SAY = "说|话|讲|告诉|叫|威胁"
TELL = "告诉|跟|和|同|对|让|给"
FAMILY = words("爸 妈 家人 家里 家长 爸妈 父母 任何人 别人 老师 大人 屋企")
MEDIA = words("""照片 相片 视频 录像 裸照 截图 聊天记录 私密照 相 照 自拍 录音 日记""")
PUBLISH = words("""挂到 挂在 挂网上 放到网上 传网上 发出去 发到 发给 发在 公开 贴到 贴在 传到 传出去 散播 曝光
                   给我爸妈看 给我老师看 让所有人 让大家
                所有人都看到 发朋友圈 发群 发网上 发抖音 发班群 给.{0,4}看""")
GIFT = words("""零食 糖 钱 礼物 皮肤 手机 ipad 衣服 充值 红包 游戏卡 飞机票 车票 刷礼物 买东西 东西 玩具 奶茶 首饰""")

#: Harmless phrases that hold a harm word. They are blanked before any rule runs, so 打球 never reads as 打.
IDIOMS = words("""
打球 打篮球 打排球 打乒乓球 打乒乓 打羽毛球 打网球 打台球 打桌球 打棒球 打游戏 打电话 打个电话 打车 打的士 打扫
打卡 打针 打雷 打折 打开 打印 打招呼 打扮 打工 打字 打包 打水 打气 打饭 打牌 打麻将 打扑克 打拼 打草稿
打勾 打钩 打叉 打结 打交道 打听 打量 打探 打发 打转 打滚 打喷嚏 打哈欠 打呵欠 打呼噜 打鼓 打拳 打太极 打酱油
打疫苗 打蚊子 打苍蝇 打怪 打boss 打野 打排位 打比赛 打赢 打败 打街机 打雪仗 打水仗 打手势 打沙袋 打闹 打理
打猎 打盹 打嗝 打call 打地铺 打分 打湿 打扰 打动 打破 打赌 打补丁 打蜡 打磨 打僵尸 打榜 打响 打通 打烊
打造 打乱 打翻 打进 打入 打平 打成一片 打架子鼓 打桩 打针 打败仗 打胜仗 打扰到 打着伞 打伞 打手电 打火机
踢球 踢足球 踢毽子 踢被子 踢正步 踢踏舞
热到想死 累到想死 冷到想死 困到想死 烦到想死 忙到想死 无聊到想死 饿到想死 笑到想死 尴尬到想死 热得想死 累得想死 烦得想死
beat\\sme\\s(?:at|in) beats\\sme\\s(?:at|in) beat\\sus\\s(?:at|in) beat\\sme\\sagain\\sin 忘带钥匙 忘了带钥匙
推我们?[^，。！？,.!?]{0,4}(?:荡|秋千|转圈|举高) 打我们?[^，。！？,.!?]{0,4}(?:电话|手机)
笑死 累死 热死 冷死 困死 烦死 气死 吓死 饿死了 渴死 急死 馋死 痛死了 疼死了 难死 无聊死 香死 臭死 美死 帅死
可爱死 好玩死 开心死 忙死 闷死了 挤死 晒死 吵死 丑死 想死你 死机 死党 死忠 死记硬背 死磕 死活 得要死 半死 死贵
笑到肚子疼 爱死 羡慕死 尴尬死 蠢死 懒死 怕死了 死了一样的 死胡同 死角
跳绳 跳舞 跳远 跳高 跳水 跳楼价 跳楼大甩卖 跳跳糖 跳房子 跳棋 跳马 跳蚤 跳级 心跳 蹦跳 跳崖 跳伞 跳跳
秘密基地 秘密花园 秘密武器 秘密通道
五杀 三杀 四杀 双杀 超神 杀人游戏 狼人杀 秒杀 杀毒 杀价 杀菌 杀青 杀时间 吃鸡 爆头
考砸 搞砸 砸蛋 抽烟 抽奖 抽签 抽空 抽屉 抽筋 抽水 抽查 抽纸 抽象 抽考 抽血 推荐 推车 推婴儿车 推广 推迟
推开门 推理 推销 撞车 撞见 撞到一起 按时 按照 按钮 按摩 按键 按门铃 按他说的 按她说的 按要求 划船 划算 划线
计划 规划 划分 划掉 划水 烧烤 烧饭 烧水 烧菜 红烧 烧卖 烧鹅 扎头发 扎辫子 扎马步 扎营 夹菜 夹子 夹娃娃 甩卖
甩锅 刺激 刺客 拖地 拖延 咬牙 抓娃娃 扇子 电扇 风扇 拧瓶盖 揪心 关灯 关门 关心 关系 关注 关于 锁门 开关 没关系
    关机 绑鞋带 捆绑销售
""")

#: Words that say the harm did not happen (read in the clause before the act).
#: Neglect rules are negative phrases themselves; only these say the child *is* looked after.
NEGLECT_NEGATION = words("不会 从不 从来不 从没 从来没 不用担心 一直有人 总有人 都有人 有人照顾 never")
NEGATION = words("""没有(?:被|人|谁|大人|陌生人|网友|同学|老师|遇到|受|过|霸凌|欺负|打|骂|伤害|威胁|跟踪|虐待|体罚)
                    (?:不|没|别)(?:打|揍|踢|骂|罚|伤害|欺负|打过) 没遇到过 没受过
                    没见过 从未 未曾 没发生过
                 一次都没 一次也没 很安全 no\\sone\\sever nobody\\sever never\\sbeen 没有人 没人 没有谁 谁也没
                 谁都没 从来没有 从来没 从没有 从没 从不 从来不 不会 没有被 没被 并没有 并不 不是
                 才不会 不允许 不准打 绝不 绝对不 不用担心 没遇到 没有遇到 nobody no\\sone never not""")
#: Play, games and pretending: harm words there are not harm.
PLAY = words("""玩 假装 装死 闹着玩 开玩笑 打游戏 玩游戏 游戏里 游戏中 游戏的时候 王者 我的世界 minecraft
                fortnite roblox
             角色 英雄 副本 排位 复活 联机 僵尸 怪物 蛋仔 吃鸡 血量 队友 开黑 扮演 game gaming pretend
             和平精英 原神 迷你世界
             第五人格 光遇 金铲铲 英雄联盟 皇室战争 部落冲突 元气骑士 关卡 大招 技能 装备 血条 掉血 通关 被秒
             击杀 淘汰
             段位 上分 掉分 匹配 对局 一局 开局 敌人 npc boss 人机""")
#: Whole scenes of play: these excuse a harm word anywhere in their sentence unless it also shows distress.
PLAY_SCENE = words("""枕头大战 水枪 雪仗 捉迷藏 木头人 丢沙包 泡沫剑 狼人杀 杀人游戏 过家家 鬼抓人 挠痒痒
                      碰碰车 举高高
                   拳击手套 斗鸡 哈哈 😂 lol haha 好玩 好刺激 超开心 玩得""")
#: Self-harm rules read their own negations: "没有我" and "不想活" are part of them, "才不会跳楼" excuses.
SELF_HARM_NEGATION = words("""从来没有 从来没 从没 不会 才不会 没有想过 没想过 没有自 没有割 没有伤害 不是真的 不想死
                           never\\sthought""")
SPORT = words("""跆拳道 柔道 拳击 对练 散打 铲球 裁判 球拍 被球 被足球 被篮球 被排球 球砸 球打 摔跤 空手道 击剑
              训练时 练习时 比赛时 by\\sa\\sball by\\sa\\sbasketball by\\sa\\sfootball in\\spe""")
#: Stories, news, lessons and films.
STORY = words("""里面 放了 反校园 宣传片 警示 在看.{0,2}(?:书|小说|电影|动画|漫画|剧) 新闻 电视上 电视里 电影里
                 电影中 电影讲 部电影
                 这个电影 的电影 故事 小说 课本 书里 书上 读了 看了一部 看了一本 话剧 课上讲 讲了
                 历史课 法治课
              班会 听说 案例 科普 纪录片 动画 漫画 剧里 主角 里面的 《 film movie story news book 报道 电视剧
              学到 宣传 讲座
              防溺水 安全教育 安全课 教育片 演讲 作文 写了一篇 书中 童话 历史 战争 古代 视频里 短视频里
              网上看到 看到网上说
              听别人说 据说 video\\sabout lesson""")
#: The problem was dealt with ...
RESOLVED = words("""后来.{0,12}现在 现在(?:放学)?(?:有|没事|好了|好多了|很好|挺好|都挺|不会|没有了)
                    现在(?:大家|我们|他|她|班里).{0,4}(?:挺|很|都)(?:好|友好|开心) 再也没(?:有)?(?:过|发生) 原来是
                    结果是 道歉 处理了 处理以后 处理后 和好 说开了 解决了 就不叫了 就没有了 不再 现在好了 现在好多了
                    就好多了
                 现在关系很好 现在的同学都很好 现在不这样 后来找到了 后来警察 及时告诉 拒绝并且 钱也没被 就不做了
                 没收了 现在我自己 现在奶奶 现在物业 现在能 他也跟我道歉 i\\swas\\sokay i\\sam\\sfine but\\snow""")
#: ... unless it is still going on.
ONGOING = words("""还在 还是 一直 每天 经常 总是 又 现在还 到现在 仍然 最近 昨天 今天 昨晚 这周 刚才 每次 天天 还会 再
                still again every always keeps""")
#: Signs that a child is hurt or afraid: play words do not excuse a sentence that has them.
DISTRESS = words("疼 痛 哭 怕 害怕 流血 受伤 不敢 救 帮帮 难受 help scared hurts")
#: Injuries from accidents and sport.
ACCIDENT = words("""摔 跌 扭 崴 骑车 自行车 滑板 旱冰 轮滑 球 运动会 练 体操 拉伤 烫到的 小时候 碰到 磕
                    in\\spe fell""")
