using System.Net;
using Microsoft.AspNetCore.Builder;
using TypedSocketIO.AdminUI.Tests.Infrastructure;

namespace TypedSocketIO.AdminUI.Tests;

/// <summary>What <c>MapSocketIOAdminUI</c> serves from the npm package's ui/dist, and how it fails without it.</summary>
public sealed class AdminUIFilesTests
{
    [Fact]
    public async Task The_page_is_served_at_the_folder_URL_its_assets_with_their_types_and_the_bare_path_redirects()
    {
        await using var server = await AdminServer.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };

        var bare = await http.GetAsync("/admin-ui?x=1");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/admin-ui/?x=1", bare.Headers.Location?.OriginalString);

        var page = await http.GetAsync("/admin-ui/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(AdminServer.UiDirectory, "index.html")), html);

        var script = Path.GetFileName(Directory.GetFiles(Path.Combine(AdminServer.UiDirectory, "js"), "app.*.js")[0]);
        Assert.Contains($"js/{script}", html, StringComparison.Ordinal);
        var asset = await http.GetAsync($"/admin-ui/js/{script}");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/admin-ui/nothing.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/admin-ui/..%2F..%2Fpackage.json")).StatusCode);
    }

    [Fact]
    public void Without_the_npm_files_mapping_fails_with_where_it_looked_and_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("typedsocketio-adminui-");
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = empty.FullName });
            builder.Services.AddSocketIO();
            using var app = builder.Build();

            var failure = Assert.Throws<InvalidOperationException>(() => app.MapSocketIOAdminUI());

            Assert.Contains(Path.Combine(empty.FullName, "node_modules", "@socket.io", "admin-ui", "ui", "dist"), failure.Message, StringComparison.Ordinal);
            Assert.Contains("npm install @socket.io/admin-ui@0.5.1", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
