using System.Collections.ObjectModel;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Debian's headless Chromium driven by Selenium through Debian's chromedriver, against the service on
/// loopback. Each page visited can be photographed into <c>artifacts/screenshots</c> (kept by CI) and
/// checked for console errors. The flags keep Chromium off the network it cannot reach.
/// </summary>
internal sealed class ConsoleBrowser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    private readonly string _profile = Directory.CreateTempSubdirectory("console-browser-").FullName;
    private readonly string _shotPrefix;

    public ConsoleBrowser(Uri baseAddress, string screenshotPrefix, bool phone = false)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's chromium and chromium-driver ({ChromiumPath}, {ChromeDriverPath}); .ci/run installs them: apt-get install chromium chromium-driver.");
        }

        BaseAddress = baseAddress;
        _shotPrefix = screenshotPrefix;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-default-apps", "--password-store=basic", "--user-data-dir=" + _profile,
            phone ? "--window-size=390,844" : "--window-size=1280,1000");
        options.SetLoggingPreference(LogType.Browser, OpenQA.Selenium.LogLevel.All);
        Driver = StartDriver(options);
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// A driver on a fresh chromedriver process. On a loaded machine chromedriver now and then exits before it answers
    /// (Selenium: "Driver service process exited unexpectedly before initialization completed"); that says nothing of the
    /// page under test, so the start is tried again, on a new process, up to three times.
    /// </summary>
    private static ChromeDriver StartDriver(ChromeOptions options)
    {
        for (var attempt = 1; ; attempt++)
        {
            var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
            service.HideCommandPromptWindow = true;
            service.SuppressInitialDiagnosticInformation = true;
            try
            {
                return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            }
            catch (WebDriverException exception) when (attempt < 3 && exception.Message.Contains("exited unexpectedly", StringComparison.Ordinal))
            {
                service.Dispose();
            }
        }
    }

    public Uri BaseAddress { get; }

    public ChromeDriver Driver { get; }

    public static string ScreenshotFolder { get; } = RepositoryFiles.PathOf(Path.Combine("artifacts", "screenshots"));

    public string Url => Driver.Url;

    public string Title => Driver.Title;

    /// <summary>The page's visible text, read again should the page replace its nodes while it is read.</summary>
    public string Text
    {
        get
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return Driver.FindElement(By.TagName("body")).Text;
                }
                catch (WebDriverException e) when (attempt < 5 && IsReplacedMidRead(e))
                {
                }
            }
        }
    }

    /// <summary>Opens a path of the service and waits for the page to load.</summary>
    public ConsoleBrowser Open(string path)
    {
        Driver.Navigate().GoToUrl(new Uri(BaseAddress, path));
        return this;
    }

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public ReadOnlyCollection<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>The form control whose label reads <paramref name="label"/>, as a user finds it.</summary>
    public IWebElement Field(string label)
    {
        var labelElement = Driver.FindElements(By.TagName("label")).FirstOrDefault(l => l.Text.Trim() == label)
            ?? throw new InvalidOperationException($"No label '{label}' on {Driver.Url}:\n{Driver.PageSource[..Math.Min(2000, Driver.PageSource.Length)]}");
        var id = labelElement.GetAttribute("for");
        return id is { Length: > 0 } ? Driver.FindElement(By.Id(id)) : labelElement.FindElement(By.CssSelector("input,select,textarea"));
    }

    public ConsoleBrowser Fill(string label, string value)
    {
        var field = Field(label);
        if (field.TagName == "select")
        {
            new SelectElement(field).SelectByText(value);
        }
        else
        {
            field.Clear();
            field.SendKeys(value);
        }

        return this;
    }

    /// <summary>
    /// Sets a large value in the field with id <paramref name="id"/> in one go, as a paste would (typing 5 KB key by key is
    /// slow), then announces it like typing, so the page reacts as to input.
    /// </summary>
    public ConsoleBrowser Paste(string id, string value)
    {
        Driver.ExecuteScript(
            "const f = document.getElementById(arguments[0]); f.value = arguments[1]; f.dispatchEvent(new Event('input', { bubbles: true }));", id, value);
        return this;
    }

    /// <summary>Clicks the button or link whose visible text is <paramref name="text"/> and waits for what follows.</summary>
    public ConsoleBrowser Click(string text)
    {
        // A live region may replace the element between finding and clicking it: look again, as a user would.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var element = Driver.FindElements(By.CssSelector("button, a, input[type=submit], summary"))
                    .FirstOrDefault(e => e.Displayed && (e.Text.Trim() == text || e.GetAttribute("value") == text))
                    ?? throw new InvalidOperationException($"Nothing to click named '{text}' on {Driver.Url}:\n{Text}");
                element.Click();
                return this;
            }
            catch (WebDriverException e) when (attempt < 5 && IsReplacedMidRead(e))
            {
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (a page loaded, a live region refreshed).</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, int seconds = 20)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds));
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException));
        return wait.Until(d =>
        {
            try
            {
                return condition(d);
            }
            catch (WebDriverException e) when (IsReplacedMidRead(e))
            {
                return default!;
            }
        });
    }

    /// <summary>
    /// The page replaced the element while it was read (a navigation, or a live region swapping its nodes): a stale
    /// reference, or, from Chromium's driver, an inspector error saying the node left the document. Either means look again.
    /// </summary>
    private static bool IsReplacedMidRead(WebDriverException e) =>
        e is StaleElementReferenceException
        || (e is UnknownErrorException && e.Message.Contains("does not belong to the document", StringComparison.Ordinal));

    public void WaitForText(string text, int seconds = 20) =>
        WaitFor(d => d.FindElement(By.TagName("body")).Text.Contains(text, StringComparison.Ordinal), seconds);

    /// <summary>Writes a PNG of the current page to the screenshot folder and returns its path.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{_shotPrefix}-{name}.png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>The browser console's errors since the last call (script errors, failed loads, CSP refusals).</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= OpenQA.Selenium.LogLevel.Severe).Select(e => e.Message).ToList();

    /// <summary>
    /// Photographs the page and fails when its console reported an error or axe-core (run in the page,
    /// from the script bundled in its NuGet package) finds a serious or critical WCAG 2 A/AA violation.
    /// </summary>
    /// <param name="name">The screenshot's name.</param>
    /// <param name="cameFrom">
    /// A page of another server this tab was on just before (the sandbox's consent page, Intuit's stand-in): the browser
    /// may report that page's own failed loads (its favicon) after the redirect back, and they are not this page's.
    /// </param>
    public void CheckPage(string name, Uri? cameFrom = null)
    {
        Screenshot(name);
        var foreign = cameFrom?.GetLeftPart(UriPartial.Authority) + "/";
        var errors = ConsoleErrors().Where(error => cameFrom is null || !error.StartsWith(foreign, StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"Console errors on {Driver.Url}:\n{string.Join('\n', errors)}");
        var violations = AccessibilityViolations();
        Assert.True(violations.Count == 0, $"Accessibility violations on {Driver.Url}:\n{string.Join('\n', violations)}");
    }

    /// <summary>axe-core's serious and critical WCAG 2 A/AA violations on the current page, one line each.</summary>
    public IReadOnlyList<string> AccessibilityViolations()
    {
        Driver.ExecuteScript(AxeScript.Value);
        var json = (string?)Driver.ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })" +
            ".then(r => done(JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))))" +
            ".catch(e => done(JSON.stringify(['axe failed: ' + e])));");
        return System.Text.Json.JsonSerializer.Deserialize<List<string>>(json ?? "[\"axe returned nothing\"]")!;
    }

    private static readonly Lazy<string> AxeScript = new(() => new Deque.AxeCore.Commons.BundledAxeScriptProvider().GetScript());

    /// <summary>Logs in through the login form.</summary>
    public ConsoleBrowser LogIn(string email, string password)
    {
        Open("/console/login");
        Fill("E-mail", email).Fill("Password", password).Click("Log in");
        WaitFor(d => !d.Url.Contains("/console/login", StringComparison.Ordinal));
        return this;
    }

    /// <summary>An HTTP client carrying this browser's console session, for what a page links to but does not show (a download).</summary>
    public HttpClient SessionClient()
    {
        var cookie = Driver.Manage().Cookies.GetCookieNamed("ai_console")
            ?? throw new InvalidOperationException("The browser has no console session: log in first.");
        var cookies = new System.Net.CookieContainer();
        cookies.Add(BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
