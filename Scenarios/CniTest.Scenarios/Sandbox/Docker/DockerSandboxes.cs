using System.Collections.Concurrent;
using System.Globalization;
using CniTest.Harness.Sandbox;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace CniTest.Scenarios.Sandbox.Docker;

/// <summary>
/// Sandboxes as real containers (<c>--sandbox docker</c>, issue 11): each is a <c>--network none</c> container of a
/// busybox image built here, made through the Engine API (Docker.DotNet) of <c>DOCKER_HOST</c> if set, else of a
/// <see cref="PrivateDockerd"/>. One per run, started once; on <see cref="Dispose"/> the containers and the image it
/// made are removed and its daemon, if it started one, is stopped.
/// </summary>
public sealed class DockerSandboxes : IDisposable
{
    private const string RunLabel = "org.cnitest.run";
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);

    private readonly DockerClient _client;
    private readonly Uri _endpoint;
    private readonly PrivateDockerd? _daemon;
    private readonly string _image;
    private readonly string _runLabel;
    private readonly ConcurrentDictionary<string, byte> _containers = new();
    private int _disposed;

    private DockerSandboxes(DockerClient client, Uri endpoint, PrivateDockerd? daemon, string image, string runLabel)
    {
        _client = client;
        _endpoint = endpoint;
        _daemon = daemon;
        _image = image;
        _runLabel = runLabel;
    }

    /// <summary>The engine's API address: <c>DOCKER_HOST</c>, or the private daemon's socket.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>The private dockerd's process id; null when the run uses <c>DOCKER_HOST</c>'s engine.</summary>
    public int? DaemonPid => _daemon?.Pid;

    /// <summary>
    /// Connects to <c>DOCKER_HOST</c>, or starts a private dockerd under <paramref name="runDir"/>, and imports the
    /// sandbox image. Throws <see cref="EnvironmentProblemException"/> (exit 2) when Docker cannot be used.
    /// </summary>
    public static async Task<DockerSandboxes> StartAsync(string runDir, CancellationToken ct)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        PrivateDockerd? daemon = null;
        DockerClient? client = null;
        try
        {
            Uri endpoint;
            if (string.IsNullOrEmpty(dockerHost))
            {
                daemon = PrivateDockerd.Start(Path.Combine(runDir, "docker"));
                endpoint = daemon.Endpoint;
            }
            else
            {
                endpoint = new Uri(dockerHost);
                if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
                {
                    throw new EnvironmentProblemException($"--sandbox docker: DOCKER_HOST names {dockerHost}, and no socket is there " +
                                                          "(unset DOCKER_HOST to let cnitest start a private dockerd)");
                }
            }

            client = new DockerClientBuilder().WithEndpoint(endpoint).WithTimeout(CallLimit).Build();
            await WaitReadyAsync(client, endpoint, daemon, ct);
            var id = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Path.GetFileName(runDir).Split('-')[^1].ToLowerInvariant();
            var image = $"cnitest-busybox:{id}";
            await using (var rootfs = await BusyboxImage.RootfsAsync(ct))
            {
                await client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromSrc = "-", Repo = "cnitest-busybox", Tag = id }, rootfs, null, new Progress<JSONMessage>(), ct);
            }

            var engine = new DockerSandboxes(client, endpoint, daemon, image, runDir);
            LiveSandboxes.AddEngine(engine); // a second Ctrl-C removes it with the fake hosts
            return engine;
        }
        catch (Exception e) when (e is not OperationCanceledException and not EnvironmentProblemException)
        {
            client?.Dispose();
            daemon?.Dispose();
            throw new EnvironmentProblemException($"--sandbox docker: the Docker engine at {dockerHost ?? daemon?.Endpoint.ToString()} " +
                                                  $"cannot be used: {e.Message}", e);
        }
        catch
        {
            client?.Dispose();
            daemon?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a <c>--network none</c> container and pins its network namespace at <paramref name="pinPath"/>.
    /// </summary>
    /// <remarks>
    /// <c>CNI_NETNS</c> is the pin, not <c>/proc/PID/ns/net</c> (which Docker-based CNI scripts pass). A pid is reused
    /// once the container is gone: a DEL sent after the sandbox was deleted (P27) would then name another process's
    /// namespace, possibly the machine's own, which the plugin would then modify. The pin keeps naming this container's
    /// namespace, and stops naming any once removed (as containerd and CRI-O pin theirs under /var/run/netns). It lives
    /// in the fake host's shared <c>netns/</c> directory, so plugins in the fake host's mount namespace see it (README);
    /// Docker's own pin (<c>SandboxKey</c>, under the exec-root) does not propagate there.
    /// </remarks>
    internal ContainerSandbox Create(string pinPath)
    {
        var (id, pid) = RunOrReport("start a sandbox container", async ct =>
        {
            var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = _image,
                Cmd = ["/bin/sleep", "2147483647"],
                Labels = new Dictionary<string, string> { [RunLabel] = _runLabel },
                HostConfig = new HostConfig { NetworkMode = "none" },
            }, ct);
            _containers[created.ID] = 0;
            await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            var inspected = await _client.Containers.InspectContainerAsync(created.ID, ct);
            return (created.ID, (int)(inspected.State?.Pid ?? 0));
        });

        var netns = $"/proc/{pid}/ns/net";
        if (pid <= 0 || !File.Exists(netns))
        {
            Remove(id);
            throw new EnvironmentProblemException($"--sandbox docker: container {id[..12]} has no process on this machine (pid {pid}); " +
                                                  "DOCKER_HOST must name an engine running on this machine");
        }

        try
        {
            using (File.Create(pinPath, 1, FileOptions.None))
            {
            }

            Mounts.Bind(netns, pinPath);
        }
        catch
        {
            NetworkNamespace.Remove(pinPath);
            Remove(id);
            throw;
        }

        return new ContainerSandbox(pinPath, () =>
        {
            NetworkNamespace.Remove(pinPath); // the path stops naming a namespace at once (P27)
            Remove(id); // the container's processes die with it, and its namespace with every link in it
        })
        {
            ContainerId = id,
        };
    }

    /// <summary>Removes the containers of this run, the image, and stops the private daemon; safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_daemon is null || !_daemon.HasExited)
            {
                // Containers a check still holds (an interrupt) and any this run made that a lost response hid.
                var labelled = Run(ct => _client.Containers.ListContainersAsync(new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{RunLabel}={_runLabel}"] = true } },
                }, ct));
                Parallel.ForEach(labelled.Select(c => c.ID).Union(_containers.Keys).Distinct(), Remove);
                Run(async ct =>
                {
                    await _client.Images.DeleteImageAsync(_image, new ImageDeleteParameters { Force = true }, ct);
                    return 0;
                });
            }
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            // The private daemon's data goes with its directory below; an external engine keeps what it could not remove,
            // labelled with the run directory.
        }
        finally
        {
            _client.Dispose();
            _daemon?.Dispose();
            LiveSandboxes.RemoveEngine(this);
        }
    }

    /// <summary>
    /// Removes a container; one the engine could not remove now stays listed (and labelled) for <see cref="Dispose"/>,
    /// and stopping the private daemon kills it in any case.
    /// </summary>
    private void Remove(string id)
    {
        try
        {
            Run(async ct =>
            {
                await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, ct);
                return 0;
            });
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            return;
        }

        _containers.TryRemove(id, out _);
    }

    private static bool IsEngineFailure(Exception e) =>
        e is DockerApiException or HttpRequestException or IOException or TimeoutException or OperationCanceledException;

    /// <summary><see cref="Run{T}"/>, with an engine failure reported as the harness's problem, not the plugin's.</summary>
    private static T RunOrReport<T>(string what, Func<CancellationToken, Task<T>> call)
    {
        try
        {
            return Run(call);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw new SandboxCommandException($"docker: could not {what}: {e.Message}");
        }
    }

    /// <summary>
    /// Runs an API call to completion on the thread pool. Sandboxes are made where the suite's synchronous
    /// <c>NewSandbox</c> is called (checks create attachments without awaiting), so the call blocks there.
    /// </summary>
    private static T Run<T>(Func<CancellationToken, Task<T>> call)
    {
        using var limit = new CancellationTokenSource(CallLimit);
        return Task.Run(() => call(limit.Token)).GetAwaiter().GetResult();
    }

    private static async Task WaitReadyAsync(DockerClient client, Uri endpoint, PrivateDockerd? daemon, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + CallLimit;
        while (true)
        {
            try
            {
                await client.System.PingAsync(ct);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or TimeoutException)
            {
                if (daemon is { HasExited: true })
                {
                    throw new EnvironmentProblemException($"--sandbox docker: dockerd exited at start-up: {daemon.LogTail()}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new EnvironmentProblemException($"--sandbox docker: no Docker engine answered at {endpoint} " +
                                                          $"within {CallLimit.TotalSeconds:0} s ({e.Message})");
                }
            }

            await Task.Delay(100, ct);
        }
    }
}
