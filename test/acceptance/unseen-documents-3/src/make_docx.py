#!/usr/bin/env python3
"""Builds docs/kjcxq-banfa-zhongjie.docx by hand (no python-docx): a fictitious measure without metadata."""
import zipfile, os
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(__file__), '..', 'docs', 'kjcxq-banfa-zhongjie.docx')

# (style, alignment, bold, colour, size in half-points, text)
P = []
def p(text, style=None, align=None, bold=False, color=None, size=None):
    P.append((style, align, bold, color, size, text))

p('（测试数据，虚构文件）', align='left', size=21)
p('杭州市科学技术局文件', align='center', bold=True, color='FF0000', size=72)
p('杭科〔2026〕19号', align='center', size=32)
p('杭州市科技创新券管理实施办法', style='Title', align='center', bold=True, size=44)
arts = [
 '第一条 为鼓励科技型中小企业和创业团队利用社会科技资源开展研发创新，规范科技创新券的申领、使用和兑付管理，根据国家和省有关科技创新政策，结合本市实际，制定本办法。',
 '第二条 本办法所称科技创新券（以下简称创新券），是指由市级财政安排资金，支持科技型中小企业和创业团队向服务机构购买研发设计、检验检测、技术咨询等科技服务的电子凭证。',
 '第三条 申领创新券的企业应当在本市注册、具有独立法人资格，属于科技型中小企业，且上年度营业收入不超过2亿元；创业团队应当已入驻市级以上科技企业孵化器或者众创空间。',
 '第四条 创新券实行年度额度管理。每家企业年度使用额度最高30万元；创业团队年度使用额度最高5万元。',
 '第五条 创新券抵扣比例一般不超过服务合同金额的50%；首次申领创新券的企业，抵扣比例可以提高至60%。',
 '第六条 创新券可以用于购买下列科技服务：（一）研发设计服务；（二）检验检测和认证服务；（三）大型科研仪器共享使用；（四）技术咨询和科技成果转化服务。创新券不得用于购买设备、支付人员工资或者偿还债务。',
 '第七条 企业通过“杭州科技创新券”服务平台在线申领创新券。平台每年3月1日至11月30日常态化受理申领，市科技局自受理之日起10个工作日内完成审核。',
 '第八条 创新券自发放之日起12个月内有效，逾期未使用的自动作废，剩余额度不结转至下一年度。',
 '第九条 科技服务完成后，由服务机构在30日内通过服务平台提交兑付申请，市科技局会同市财政局按季度审核兑付。',
 '第十条 企业可以在长三角科技创新券通用通兑合作城市的服务机构使用创新券，按照本办法规定的同等比例抵扣。',
 '第十一条 企业或者服务机构虚构交易、串通套取创新券资金的，由市科技局追回已兑付资金，取消其3年内申领创新券和承接创新券服务的资格，并记入科研诚信记录。',
 '第十二条 本办法由杭州市科学技术局负责解释，自2026年12月1日起施行，有效期5年。《杭州市科技创新券管理办法》（杭科〔2021〕7号）同时废止。',
]
for a in arts:
    p(a, align='both', size=32)
p('', size=32)
p('杭州市科学技术局', align='right', size=32)
p('2026年11月5日', align='right', size=32)

def para(style, align, bold, color, size, text):
    ppr = ''
    if style: ppr += f'<w:pStyle w:val="{style}"/>'
    if align: ppr += f'<w:jc w:val="{align}"/>'
    rpr = '<w:rFonts w:ascii="FangSong" w:eastAsia="仿宋_GB2312" w:hAnsi="FangSong"/>'
    if bold: rpr += '<w:b/>'
    if color: rpr += f'<w:color w:val="{color}"/>'
    if size: rpr += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    run = f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ''
    return f'<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>'

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
body = ''.join(para(*x) for x in P)
document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>')
styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
          '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style></w:styles>')
content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  '<Default Extension="xml" ContentType="application/xml"/>'
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
  '</Types>')
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
  '</Relationships>')
doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
  '</Relationships>')

with zipfile.ZipFile(OUT, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', content_types)
    z.writestr('_rels/.rels', rels)
    z.writestr('word/document.xml', document)
    z.writestr('word/_rels/document.xml.rels', doc_rels)
    z.writestr('word/styles.xml', styles)
print(OUT)
