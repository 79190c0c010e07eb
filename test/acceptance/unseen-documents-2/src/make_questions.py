import json
N26="2026年杭州市为企办实事项目.txt"; N24="2024-hangzhou-wei-qi-ban-shi-shi-notice.txt"
DX="西湖区数字经济企业发展专项资金管理办法.docx"; GB="hangzhou-shangwu-waimao-cuoshi.txt"
HT="qiantang-rencai-zufang-butie.html"; MN="hangzhou-shuzihua-gaizao-xize-2026.md"; MO="hangzhou-shuzihua-gaizao-xize-2024.md"
JR=["市委金融办","市地方金融管理局"]; FG=["市发改委","市财政局"]; SJ=["市数据局"]; SW=["市商务局"]
SP=["市审管办","市信访局"]
XH=["杭州市西湖区人民政府办公室","西湖区人民政府办公室","西湖区政府办公室"]
SWF=["杭州市商务局","市商务局"]
QT=["杭州市钱塘区人力资源和社会保障局","钱塘区人力资源和社会保障局","钱塘区人力社保局","区人力社保局"]
JX=["杭州市经济和信息化局","市经济和信息化局","市经信局"]
Q=[]
def q(text, doc, unit, facts, year=None, nc=False):
    Q.append({"id":"h2-%02d"%(len(Q)+1),"q":text,"document":doc,"unit":unit,"facts":facts,"year":year,"notCovered":nc})
# 2026 notice (and the 2024 one where a year says so)
q("2026年政府性融资担保的平均担保费率是多少？",N26,JR,["0.6%"],2026)
q("今年担保费率能降到多少？",N26,JR,["0.6%"],2026)
q("2024年的时候担保费率要求不高于多少？",N24,JR,["0.8%"],2024)
q("我们还没在银行贷过款，2026年为企办实事里新增首贷户目标是多少户？",N26,JR,["8000户"],2026)
q("公共数据开放给企业，今年计划开放多少个数据集？归哪个部门管？",N26,SJ,["500个"],2026)
q("数据资产入表有没有人辅导？",N26,SJ,["1000家"],2026)
q("企业数据资源登记一般要多久能办好？",N26,SJ,["5个工作日"],2026)
q("2026年外贸团组要组织多少个？找哪个单位？",N26,SW,["180个"],2026)
q("跨境电商出口企业今年新增目标是多少家？",N26,SW,["800家"],2026)
q("新招的人才没地方住，今年保障性租赁住房筹集多少套？",N26,["市住保房管局"],["2万套"],2026)
q("2026年技工院校校企合作订单班办多少个？",N26,["市人力社保局"],["80个"],2026)
q("政府采购的钱多久能付到企业账上？按2026年的标准",N26,["市财政局"],["3个工作日"],2026)
q("2024年政府采购项目平均支付时间不超过几个工作日？",N24,["市财政局"],["5个工作日"],2024)
q("大企业拖欠我们货款，今年投诉以后多久能办结？",N26,["市经信局","市财政局"],["30日"],2026)
q("免申即享的比例今年要达到多少？",N26,FG,["60%"],2026)
q("惠企政策的钱批下来以后多久能兑付到位？",N26,FG,["10个工作日"],2026)
q("Who is in charge of the enterprise service commissioner program in 2026, and how many commissioners will there be?",N26,SP,["500名"],2026)
q("How many projects are in Hangzhou's 2026 'practical things for enterprises' list?",N26,[],["7"],2026)
q("2026年“为企办实事”通知是哪天印发的？哪个单位发的？",N26,[],["2026年2月12日","杭州市人民政府办公厅"],2026)
q("科技型中小企业信用贷款余额今年要增长多少？",N26,JR,["20%"],2026)
q("今年担保机构要新服务多少家企业？",N26,JR,["1.5万家"],2026)
q("What is the cap on the average guarantee fee rate for government financing guarantees in 2026?",N26,JR,["0.6%"],2026)
# docx, no metadata
q("西政办〔2026〕7号文件里研发费用补助怎么算？",DX,XH,["15%","200万元"])
q("西湖区的企业首次评上国家高新技术企业奖励多少钱？",DX,XH,["30万元"])
q("《西湖区数字经济企业发展专项资金管理办法》第七条房租补贴是怎么规定的？",DX,XH,["100%","50%","30%","500平方米"])
q("我们公司在西湖区，上云用数项目能补多少？",DX,XH,["30%","50万元"])
q("西湖区数字经济专项资金一家企业一年最多能拿多少？",DX,XH,["500万元"])
q("西湖区那个数字经济专项资金办法什么时候开始施行，有效期到什么时候？",DX,XH,["2026年5月1日","2028年12月31日"])
q("Our company is in Xihu District. If we get re-certified as a national high-tech enterprise, is there a reward?",DX,XH,["10万元"])
# GBK txt, sections
q("去境外参展，展位费能补多少？",GB,SWF,["50%","5万元"])
q("杭商务〔2026〕15号对参展人员的机票有补助吗？",GB,SWF,["8000元"])
q("产品做欧盟CE认证花的钱能补一部分吗？",GB,SWF,["50%","20万元"])
q("在国外注册商标有补贴吗，一个国家补多少？",GB,SWF,["1万元"])
q("出口信用保险的保费补贴比例是多少？",GB,SWF,["60%","50万元"])
q("外贸开拓市场的补助什么时候申报？",GB,SWF,["3月1日"])
q("Does Hangzhou subsidise booth fees for overseas trade shows that are not on the key exhibition list?",GB,SWF,["30%","3万元"])
# html page
q("钱塘区新招的硕士有租房补贴吗？一年多少？",HT,QT,["2万元"])
q("钱塘区青年人才租房补贴什么时候申请？",HT,QT,["7月1日","7月31日"])
q("博士来钱塘工作，租房补贴每年多少，能拿几年？",HT,QT,["3万元","3年"])
q("钱塘区的人才租房补贴有年龄限制吗？",HT,QT,["35周岁"])
q("Our new hire in Qiantang has a bachelor's degree. How much rent subsidy can they get per year?",HT,QT,["1万元"])
# md with front matter, new supersedes old
q("中小企业数字化改造项目补助比例现在是多少？",MN,JX,["25%","150万元"])
q("杭经信〔2024〕21号这个细则还有效吗？",MO,JX,["失效"])
q("被评为市级智能工厂能奖励多少钱？",MN,JX,["200万元"])
q("2024年那版数字化改造补助细则规定的补助上限是多少？",MO,JX,["100万元"])
q("评上市级数字化车间奖励多少？",MN,JX,["50万元"])
q("小微企业买工业软件云服务有没有服务券？",MN,JX,["5万元"])
q("数字化改造补助一年申报几次，什么时候报？",MN,JX,["6月1日","6月30日"])
q("杭经信〔2026〕9号什么时候施行？替代了哪个文件？",MN,JX,["2026年4月1日","杭经信〔2024〕21号"])
q("Is the 2024 Hangzhou SME digital transformation subsidy rule (杭经信〔2024〕21号) still in force?",MO,JX,[])
# not covered
for t in ["西湖区的企业招应届生有社保补贴吗？",
          "钱塘区人才买房有购房补贴吗？",
          "2026年杭州为企办实事有没有降低工业用电价格的项目？",
          "上城区的数字经济企业研发补助标准是多少？",
          "外贸企业出口退税多久能到账？",
          "2025年杭州为企办实事项目有几件？",
          "参加国内展会比如广交会，展位费有补助吗？",
          "How much is the rent subsidy for new talent in Binjiang District?",
          "宁波的中小企业数字化改造补助比例是多少？",
          "我们公司想申请高新技术企业认定，需要满足什么条件？"]:
    q(t,None,[],[],None,True)
assert len(Q)==60, len(Q)
with open("/work/holdback2/questions.jsonl","w",encoding="utf-8") as f:
    for x in Q: f.write(json.dumps(x,ensure_ascii=False)+"\n")
