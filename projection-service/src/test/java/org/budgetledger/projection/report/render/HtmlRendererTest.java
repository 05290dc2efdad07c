package org.budgetledger.projection.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.budgetledger.projection.report.domain.Report;
import org.budgetledger.projection.report.domain.TextPart;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlRendererTest {

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePageIsWellFormedAndHasEveryPartAndTable() throws Exception {
        Report report = RenderFixtures.hetang(
                Map.of("performance.report", "2019年度部门整体支出绩效自评报告", "contact", "接洽人：李芳；联系电话：28428767。"));
        String html = HtmlRenderer.render(report);
        Document doc = parse(html);
        String text = doc.getDocumentElement().getTextContent();

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("@page", "A4", "page-break-before: always")
                .doesNotContain("<script", "src=", "href=", "<link", "url(");
        assertThat(text).contains(report.unitName(), "2019年度部门决算", "目录");
        for (TextPart part : report.textParts()) {
            assertThat(text).contains(part.number(), part.title());
        }
        assertThat(text).contains(report.tables().number(), report.tables().title(), "第五部分", "接洽人：李芳");

        NodeList tables = doc.getElementsByTagName("table");
        assertThat(tables.getLength()).isEqualTo(8);
        Element t07 = (Element) tables.item(6);
        assertThat(t07.getTextContent()).contains("无", "0.06");
        NodeList t01Rows = ((Element) tables.item(0)).getElementsByTagName("tr");
        assertThat(t01Rows.getLength()).isEqualTo(3 + 13);
        assertThat(t01Rows.item(2).getTextContent()).isEqualTo("栏 次1栏 次2");
        assertThat(html)
                .contains(
                        "<th colspan=\"3\">收入</th>",
                        "<td class=\"amount\">30.74</td>",
                        "<td class=\"label\" colspan=\"6\">无</td>");
        assertThat(text)
                .contains("一、收入支出决算总体情况说明", "人员经费18.61万元，占基本支出的60.54%", "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。", "故本表无数据");
    }

    @Test
    void textIsEscaped() throws Exception {
        Report report = RenderFixtures.hetang(
                Map.of("other", "<script>alert('x')</script> & \"quotes\"", "duties", "职责 <b>不加粗</b>"));
        String html = HtmlRenderer.render(report);
        assertThat(html)
                .doesNotContain("<script>", "<b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
        assertThat(parse(html).getDocumentElement().getTextContent())
                .contains("<script>alert('x')</script> & \"quotes\"", "职责 <b>不加粗</b>");
    }

    @Test
    void theContentCanMarkEachFigureWithItsKeyAndLinkItToItsTrail() throws Exception {
        Report report = RenderFixtures.hetang(Map.of());
        String linked = HtmlRenderer.content(report, key -> "/workspace/HT-CAC/2019/cells/" + key);
        assertThat(linked)
                .contains(
                        "<a href=\"/workspace/HT-CAC/2019/cells/06/30217/amount\" data-cell=\"06/30217/amount\">0.06</a>")
                .contains(
                        "<a href=\"/workspace/HT-CAC/2019/cells/01/income.total/amount\" data-cell=\"01/income.total/amount\">30.74</a>")
                .doesNotContain("<html", "<style");
        assertThat(HtmlRenderer.content(report, key -> null))
                .contains("<span data-cell=\"06/30217/amount\">0.06</span>")
                .doesNotContain("<a ");
        parse("<div>" + linked + "</div>"); // well-formed as the page is
        assertThat(HtmlRenderer.render(report)).doesNotContain("data-cell");
    }
}
