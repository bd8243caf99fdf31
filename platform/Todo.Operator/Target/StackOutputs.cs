using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal.Auth;

namespace Todo.Operator.Target;

/// <summary>
/// A stack's outputs by one CloudFormation <c>DescribeStacks</c> call (the Query API, SigV4-signed with the
/// standard AWS credential chain): the registry here has no AWSSDK.CloudFormation, and this is all the CLI needs of it.
/// </summary>
public static class StackOutputs
{
    private const string Service = "cloudformation";
    private const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private static readonly XNamespace Ns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    public static async Task<Dictionary<string, string>> ReadAsync(string stack, string region, CancellationToken cancellationToken)
    {
        var credentials = (await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null)).GetCredentials();
        var endpoint = new Uri($"https://cloudformation.{region}.amazonaws.com/");
        var body = $"Action=DescribeStacks&StackName={Uri.EscapeDataString(stack)}&Version=2010-05-15";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Add("X-Amz-Date", amzDate);
        var headers = new List<(string Name, string Value)> { ("content-type", ContentType), ("host", endpoint.Host), ("x-amz-date", amzDate) };
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            request.Headers.Add("X-Amz-Security-Token", credentials.Token);
            headers.Add(("x-amz-security-token", credentials.Token));
        }
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        var canonicalRequest = string.Join('\n',
            "POST", "/", "",
            string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var signature = AWS4Signer.ComputeSignature(credentials, region, now, Service, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new OperatorException($"CloudFormation DescribeStacks for {stack} in {region} failed with HTTP {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Descendants(Ns + "Outputs").Elements(Ns + "member")
            .ToDictionary(m => (string)m.Element(Ns + "OutputKey")!, m => (string)m.Element(Ns + "OutputValue")!);
    }
}
