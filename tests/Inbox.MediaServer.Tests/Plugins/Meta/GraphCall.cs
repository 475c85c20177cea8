using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Inbox.MediaServer.Tests.Plugins.Meta;

/// <summary>One call the fake Graph API received: its JSON body, or its form fields and file.</summary>
internal sealed record GraphCall(string Method, string Path, string? ContentType, JsonObject? Json, IReadOnlyDictionary<string, string> Form, GraphUpload? File)
{
    public static async Task<GraphCall> ReadAsync(HttpRequest request, string path)
    {
        JsonObject? json = null;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        GraphUpload? file = null;
        if (request.HasFormContentType)
        {
            var fields = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (name, value) in fields)
            {
                form[name] = value.ToString();
            }

            if (fields.Files.Count > 0)
            {
                var upload = fields.Files[0];
                using var content = new MemoryStream();
                await upload.CopyToAsync(content, request.HttpContext.RequestAborted);
                file = new GraphUpload(upload.Name, upload.FileName, upload.ContentType, content.ToArray());
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            json = (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted))?.AsObject();
        }

        return new GraphCall(request.Method, path, request.ContentType, json, form, file);
    }
}

/// <summary>A file uploaded in a multipart call.</summary>
internal sealed record GraphUpload(string FieldName, string FileName, string ContentType, byte[] Content);
