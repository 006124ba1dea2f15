#!/usr/bin/env python3
"""make_seeds.py: writes the DOCX and ODT seeds of the fuzz corpora
(tests/fuzz/corpus/docx/ and corpus/odt/).  The seeds are committed; run
this again only to change them.  Entries are stored uncompressed so that
the fuzzer's mutations reach the XML instead of breaking the deflate data.

usage: tests/fuzz/make_seeds.py
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
STRICT_W = 'http://purl.oclc.org/ooxml/wordprocessingml/main'
PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
CT = 'http://schemas.openxmlformats.org/package/2006/content-types'

CONTENT_TYPES = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="{CT}">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>'''

ROOT_RELS = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>'''

CORE = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Kế hoạch bình đẳng giới</dc:title><dc:creator>Sở Lao động</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T08:00:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-06T09:30:00Z</dcterms:modified>
</cp:coreProperties>'''


def para(text, extra=''):
    return f'<w:p>{extra}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document(body, ns=W):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{ns}" xmlns:r="{R}"><w:body>{body}'
            f'<w:sectPr/></w:body></w:document>')


def write_zip(path, entries):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
        for name, data in entries:
            # A fixed date keeps the seeds byte-identical from run to run.
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)


def docx(name, body, extra_parts=(), doc_rels=None, ns=W):
    entries = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
               ('word/document.xml', document(body, ns)),
               ('docProps/core.xml', CORE)]
    if doc_rels:
        entries.append(('word/_rels/document.xml.rels',
                        f'<?xml version="1.0" encoding="UTF-8"?>\n'
                        f'<Relationships xmlns="{PKG_REL}">{doc_rels}</Relationships>'))
    entries += list(extra_parts)
    write_zip(os.path.join(HERE, 'corpus', 'docx', name), entries)


def make_docx():
    os.makedirs(os.path.join(HERE, 'corpus', 'docx'), exist_ok=True)
    head = (para('ỦY BAN NHÂN DÂN TỈNH SƠN LA') + para('Số: 622/KH-UBND') +
            para('Sơn La, ngày 05 tháng 3 năm 2024') + para('KẾ HOẠCH'))
    runs = ('<w:p><w:r><w:t>Căn cứ</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> '
            'Quyết định số 1790/QĐ-TTg</w:t><w:br/><w:t>dòng hai\u00a0 </w:t></w:r>'
            '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>')
    docx('simple.docx', head + runs + para('bình đẳng giới'))
    cell = lambda t: f'<w:tc><w:tcPr/>{para(t)}</w:tc>'
    table = (f'<w:tbl><w:tr>{cell("ỦY BAN NHÂN DÂN")}{cell("CỘNG HÒA XÃ HỘI")}</w:tr>'
             f'<w:tr>{cell("Số: 12/KH-UBND")}<w:tc><w:tbl><w:tr>{cell("lồng nhau")}'
             f'</w:tr></w:tbl></w:tc></w:tr>'
             f'<w:tr><w:trPr><w:del w:id="1"/></w:trPr>{cell("hàng đã xóa")}</w:tr></w:tbl>')
    docx('table.docx', table + para('Nội dung'))
    rels = (f'<Relationship Id="rId7" Type="{R}/header" Target="header1.xml"/>'
            f'<Relationship Id="rId8" Type="{R}/footer" Target="footer1.xml"/>'
            f'<Relationship Id="rId9" Type="{R}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId10" Type="{R}/footnotes" Target="footnotes.xml"/>')
    hdr = lambda tag, t: (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:{tag} xmlns:w="{W}">'
                          f'{para(t)}</w:{tag}>')
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:numbering xmlns:w="{W}">'
                 '<w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
                 '<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/><w:rPr><w:rFonts w:ascii="Symbol"/></w:rPr></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '</w:numbering>')
    foot = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes xmlns:w="{W}">'
            f'<w:footnote w:id="1">{para("Chú thích một")}</w:footnote></w:footnotes>')
    num = lambda lvl: (f'<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/>'
                       '</w:numPr></w:pPr>')
    body = (para('MỤC ĐÍCH', num(0)) + para('Mục đích', num(1)) +
            para('gạch đầu dòng', num(2)) + para('YÊU CẦU', num(0)) +
            '<w:p><w:r><w:t>chú thích</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>')
    docx('parts.docx', body, [('word/header1.xml', hdr('hdr', 'Đầu trang')),
                              ('word/footer1.xml', hdr('ftr', 'Chân trang 1')),
                              ('word/numbering.xml', numbering),
                              ('word/footnotes.xml', foot)], rels)
    tricky = ('<w:p><w:r><w:t>giữ</w:t></w:r><w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del>'
              '<w:ins><w:r><w:t>thêm</w:t></w:r></w:ins>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
              '<w:p><w:r><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml"><w:txbxContent>'
              + para('hộp chữ') + '</w:txbxContent></v:textbox></w:pict><w:t>sau hộp</w:t></w:r></w:p>'
              '<w:p><w:pPr><w:rPr><w:del w:id="2"/></w:rPr></w:pPr><w:r><w:t>nối</w:t></w:r></w:p>'
              + para('tiếp') + '<w:p><w:r><w:t><![CDATA[a < b & c]]></w:t></w:r></w:p>'
              + para('&amp; &#x1EBF; &#233;'))
    docx('tracked.docx', tricky)
    docx('strict.docx', head, ns=STRICT_W)
    docx('empty_body.docx', '')


ODF = {
    'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
    'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
    'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
    'style': 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
    'meta': 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
    'dc': 'http://purl.org/dc/elements/1.1/',
    'draw': 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
    'fo': 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
}
NS = ' '.join(f'xmlns:{k}="{v}"' for k, v in ODF.items())
MANIFEST = '''<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>'''
META = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NS} office:version="1.2"><office:meta>
<dc:title>Kế hoạch</dc:title><meta:initial-creator>Văn phòng</meta:initial-creator>
<meta:creation-date>2024-01-02T03:04:05</meta:creation-date><dc:date>2024-02-03T04:05:06</dc:date>
</office:meta></office:document-meta>'''


def odt(name, body, styles=None):
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS} '
               f'office:version="1.2"><office:body><office:text>{body}'
               f'</office:text></office:body></office:document-content>')
    entries = [('mimetype', 'application/vnd.oasis.opendocument.text'),
               ('META-INF/manifest.xml', MANIFEST), ('content.xml', content),
               ('meta.xml', META)]
    if styles:
        entries.append(('styles.xml', f'<?xml version="1.0" encoding="UTF-8"?>\n'
                        f'<office:document-styles {NS}>{styles}</office:document-styles>'))
    write_zip(os.path.join(HERE, 'corpus', 'odt', name), entries)


def make_odt():
    os.makedirs(os.path.join(HERE, 'corpus', 'odt'), exist_ok=True)
    p = lambda t: f'<text:p>{t}</text:p>'
    odt('simple.odt', p('ỦY BAN NHÂN DÂN TỈNH SƠN LA') + p('Số: 622/KH-UBND') +
        p('KẾ HOẠCH') + p('Căn cứ<text:tab/>Quyết định<text:s text:c="3"/>số '
                          '1790/QĐ-TTg<text:line-break/>dòng   hai') +
        '<text:h text:outline-level="1">I. MỤC ĐÍCH</text:h>')
    odt('lists_tables.odt',
        '<text:list><text:list-item>' + p('một') + '<text:list><text:list-item>' +
        p('một chấm một') + '</text:list-item></text:list></text:list-item>'
        '<text:list-item>' + p('hai') + '</text:list-item></text:list>'
        '<table:table><table:table-row><table:table-cell>' + p('ô một') +
        '</table:table-cell><table:covered-table-cell/><table:table-cell>' +
        p('ô <text:span>hai</text:span>') + '</table:table-cell></table:table-row></table:table>'
        + p('chú<text:note><text:note-citation>1</text:note-citation><text:note-body>' +
            p('ghi chú') + '</text:note-body></text:note> thích') +
        p('<draw:frame><draw:text-box>' + p('hộp') + '</draw:text-box></draw:frame>sau') +
        p('<text:soft-page-break/>&#x1EBF;<text:bookmark text:name="x"/>'))
    odt('header_footer.odt', p('Nội dung'),
        '<office:master-styles><style:master-page style:name="Standard">'
        '<style:header>' + p('Đầu trang') + '</style:header><style:footer>' +
        p('Chân trang') + '</style:footer></style:master-page></office:master-styles>')
    odt('empty_body.odt', '')


if __name__ == '__main__':
    make_docx()
    make_odt()
