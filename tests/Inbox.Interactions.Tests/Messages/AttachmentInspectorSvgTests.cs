using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Messages;

public sealed class AttachmentInspectorSvgTests
{
    private const string WithScripts = "drawing.svg: an SVG image with scripts is not allowed";
    private const string NotSvg = "drawing.svg: the content is not an SVG image";

    private static readonly AttachmentLimits s_defaults = new();

    [Theory]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"/>""")]
    [InlineData("""  <svg xmlns="http://www.w3.org/2000/svg" viewBox='0 0 1 1' ><path d="M0 0L1 1"/></svg>  """)]
    [InlineData("""
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!-- Created with Inkscape (http://www.inkscape.org/) -->
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
          <style><![CDATA[ rect { fill: #c00 } ]]></style>
          <a xlink:href="https://example.com/help?topic=script"><rect width="10" height="10"/></a>
          <text x="1" y="5">onload = a &lt;script&gt; tag in text is just text</text>
        </svg>
        """)]
    [InlineData("""<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:rect width="1" height="1"/></svg:svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="90" height="20"><div xmlns="http://www.w3.org/1999/xhtml">Wrapped label</div></foreignObject></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="opacity" values="0;1" dur="1s"/><use href="#a"/></svg>""")]
    public void Inspect_SvgWithoutScript_Accepted(string svg)
    {
        var inspection = AttachmentInspector.Inspect("drawing.svg", AttachmentSamples.Chars(svg), s_defaults);

        Assert.True(inspection.IsAccepted, inspection.RefusalReason);
        Assert.Equal(AttachmentKind.Image, inspection.Kind);
        Assert.Equal("image/svg+xml", inspection.MediaType);
    }

    [Fact]
    public void Inspect_SvgWithByteOrderMark_Accepted()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. AttachmentSamples.Of("svg")];

        var inspection = AttachmentInspector.Inspect("drawing.svg", content, s_defaults);

        Assert.True(inspection.IsAccepted, inspection.RefusalReason);
    }

    [Theory]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT href="https://evil.example/x.js"/></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK = 'alert(1)'/></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" xmlns:ev="http://www.w3.org/2001/xml-events"><rect ev:onfocusin="alert(1)"/></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>Open</text></a></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><a href="  JaVaScRiPt:alert(1)"><text>Open</text></a></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#x73;cript:alert(1)"><text>Open</text></a></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript&#58;alert(1)"><text>Open</text></a></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#9;script:alert(1)"><text>Open</text></a></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" values="#;javascript:alert(1)"/><text>Open</text></a></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="alert(1)"/></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><h:embed xmlns:h="http://www.w3.org/1999/xhtml" src="x.swf"/></foreignObject></svg>""")]
    [InlineData("""<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>""")]
    [InlineData("""<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="evil.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>""")]
    public void Inspect_SvgWithScript_RefusedWithReason(string svg)
    {
        var inspection = AttachmentInspector.Inspect("drawing.svg", AttachmentSamples.Chars(svg), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal(WithScripts, inspection.RefusalReason);
    }

    [Theory]
    [InlineData("""<html><body><svg/></body></html>""")]
    [InlineData("""hello <svg xmlns="http://www.w3.org/2000/svg"/>""")]
    [InlineData("""<?xml version="1.0"?>""")]
    [InlineData("""<!-- only a comment -->""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" """)]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width=10/>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><!-- unterminated </svg>""")]
    [InlineData("""<svgx xmlns="http://www.w3.org/2000/svg"/>""")]
    [InlineData("""</svg><svg xmlns="http://www.w3.org/2000/svg"/>""")]
    [InlineData("""   <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>""")]
    public void Inspect_SvgExtensionWithoutSvgRoot_RefusedAsNotSvg(string text)
    {
        var inspection = AttachmentInspector.Inspect("drawing.svg", AttachmentSamples.Chars(text), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal(NotSvg, inspection.RefusalReason);
    }

    [Fact]
    public void Inspect_SvgNotUtf8_RefusedAsNotSvg()
    {
        byte[] content = [.. AttachmentSamples.Chars("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>caf"), 0xE9, .. AttachmentSamples.Chars("</text></svg>")];

        var inspection = AttachmentInspector.Inspect("drawing.svg", content, s_defaults);

        Assert.Equal(NotSvg, inspection.RefusalReason);
    }
}
