#!/usr/bin/env python3
import json, os
N27 = '2027年杭州市为企办实事项目通知.txt'
N24 = '2024-hangzhou-wei-qi-ban-shi-shi-notice.txt'
DX = 'kjcxq-banfa-zhongjie.docx'
GB = 'binjiang-kuajing-dianshang-xize.txt'
HT = 'hbj-tzgg-20261120.html'
MN = 'hangzhou-zhuanjingtexin-jiangli-xize-2026.md'
MO = 'hangzhou-zhuanjingtexin-jiangli-xize-2023.md'
FIN = ['市委金融办（市地方金融管理局）', '市地方金融管理局']
KJ = ['杭州市科学技术局', '市科技局']
BJ = ['杭州市滨江区商务局', '滨江区商务局']
EP = ['杭州市生态环境局', '市生态环境局']
JX = ['杭州市经济和信息化局', '市经信局']
Q = []
def q(text, doc, unit, facts, year=None):
    Q.append(dict(q=text, document=doc, unit=unit, facts=facts, year=year, notCovered=False))
def nc(text):
    Q.append(dict(q=text, document=None, unit=[], facts=[], year=None, notCovered=True))

# --- 2027 notice: both years fit (no year named) -> both figures expected
q('政府性融资担保的平均担保费率现在是多少？', N27, FIN, ['0.8%', '0.7%'])
q('市里组织外贸团组出去跑市场，一年组织多少个？', N27, ['市商务局'], ['150个', '180个'])
q('给政府做项目，申请付款以后多久能到账？', N27, ['市财政局'], ['5个工作日', '3个工作日'])
q('想借用高校的大型科研仪器做检测，共享平台一年新增服务多少次？', N27, ['市科技局'], ['3万次', '4万次'])
# --- 2027 notice: year named or only 2027 fits
q('2027年担保费率降到多少了？', N27, FIN, ['0.7%'], 2027)
q('In 2027, how many companies are expected to get their first-ever bank loan under the city programme?', N27, FIN, ['1.2万家'], 2027)
q('我们厂新上一条产线要做环评，审批要等多久？听说现在有提速', N27, ['市生态环境局'], ['40%'], 2027)
q('We hired a fresh graduate last month and pay her social insurance. Is there a one-off hiring subsidy, and how much?', N27, ['市人力社保局'], ['1500元'], 2027)
q('2027年全市科技创新券一共准备发多少？', N27, ['市科技局'], ['3亿元'], 2027)
q('做外贸的小公司买出口信用保险，保费政府能补多少？', N27, ['市商务局'], ['50%'], 2027)
q('国企欠我们货款一年多了，2027年的为企办实事里有没有管这个的？', N27, ['市经信局'], ['100%'], 2027)
q('《杭州市人民政府办公厅关于高质量实施2027年市政府“为企办实事”项目的通知》里都有哪些项目？', N27, [], [], 2027)
q('2027年杭州為企辦實事裡面，技能大師工作室要新建幾家？', N27, ['市人力社保局'], ['40家'], 2027)
# --- 2024 notice, year named
q('2024年为企办实事里，技工学校和民企合办的订单班要办多少个？', N24, ['市人力社保局'], ['70个'], 2024)
q('2024年的政府采购项目付款，平均支付时间要求是几个工作日？', N24, ['市财政局'], ['5个工作日'], 2024)
# --- docx measure (no metadata)
q('杭科〔2026〕19号第五条说的抵扣比例是多少？', DX, KJ, ['50%', '60%'])
q('創新券一家企業一年最多可以用多少錢？', DX, KJ, ['30万元'])
q('我们是孵化器里的创业团队，还没注册公司，创新券额度有多少？', DX, KJ, ['5万元'])
q('创新券领了以后多久过期？没用完的额度明年还能用吗？', DX, KJ, ['12个月'])
q('Can we use the innovation voucher to buy lab equipment?', DX, KJ, ['购买设备'])
q('杭州市科技创新券管理实施办法是什么时候开始施行的？现在还有效吗？', DX, KJ, ['2026年12月1日'])
q('以前那个杭科〔2021〕7号的创新券管理办法还能用吗？', DX, KJ, ['杭科〔2021〕7号'])
# --- GBK district measure
q('我们在滨江做跨境电商，租了个海外仓，租金能补多少？', GB, BJ, ['30%', '50万元'])
q('我們在濱江做跨境電商，註冊海外商標有補貼嗎？', GB, BJ, ['5000元'])
q('滨商〔2026〕12号的补助什么时候申报？', GB, BJ, ['4月1日', '4月30日'])
q('滨江的公司第一次上亚马逊开店，平台年费能补一半吗？最多补多少？', GB, BJ, ['50%', '10万元'])
q('Our cross-border e-commerce exports from Binjiang grew 35% last year. Is there a reward for the increase?', GB, BJ, ['1000万美元', '5万元'])
q('滨江区跨境电子商务扶持实施细则有效期到什么时候？', GB, BJ, ['2028年8月31日'])
# --- HTML department notice
q('我们想把厂里的废气治理设备升级一下，环保局有补贴吗？能补多少？', HT, EP, ['20%', '80万元'])
q('《关于开展2026年度中小企业污染治理设施提升改造补助申报的通知》什么时候截止申报？', HT, EP, ['2027年1月15日'])
q('我们是市级绿色示范工厂，做VOCs治理改造，补助比例能高一点吗？', HT, EP, ['25%'])
q('How do we apply for the pollution-control upgrade subsidy, and which documents do we need to upload?', HT, EP, ['验收报告'])
q('我们的废水处理改造项目今年11月才完工，能申报这次的污染治理补助吗？', HT, EP, ['10月31日'])
# --- md with front matter, current version
q('公司刚评上国家级专精特新小巨人，杭州奖励多少钱？', MN, JX, ['100万元'])
q('杭经信〔2026〕15号第七条的贴息怎么算？', MN, JX, ['50%', '20万元'])
q('省级专精特新中小企业现在奖励多少？', MN, JX, ['30万元'])
q('专精特新的奖励要自己去申报吗？', MN, JX, ['免申即享'])
# --- md, superseded version
q('2023年那版专精特新奖励细则，小巨人奖多少钱？这个细则现在还有效吗？', MO, JX, ['50万元'])
q('杭经信〔2023〕8号还在执行吗？', MO, JX, [])
q('按2023版的专精特新细则，信用贷款贴息比例是多少？', MO, JX, ['30%'])
# --- not covered, close to the documents' topics
nc('余杭区做跨境电商的，海外仓租金有补贴吗？')
nc('宁波的企业做污染治理设施改造，补助怎么申请？')
nc('2025年杭州市为企办实事有哪些项目？')
nc('2026年为企办实事项目里担保费率是多少？')
nc('高新技术企业认定以后，企业所得税是不是减按15%交？')
nc('苏州的科技创新券一年能用多少？')
nc('滨江区的人才公寓租房补贴怎么申请？')
nc('招残疾人员工，残保金能减免多少？')
nc('Does Hangzhou give subsidies for buying new-energy trucks for our logistics company?')
nc('排污權交易價格現在是多少？')

out = os.path.join(os.path.dirname(__file__), '..', 'questions.jsonl')
with open(out, 'w', encoding='utf-8') as f:
    for i, x in enumerate(Q, 1):
        f.write(json.dumps({'id': f'hb3-{i:02d}', **x}, ensure_ascii=False) + '\n')
print(len(Q), sum(x['notCovered'] for x in Q))
